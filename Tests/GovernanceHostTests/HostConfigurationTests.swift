import Testing

@testable import GovernanceHost

/// Spec §2: the required URL, validated pool sizes, defaults, and flags winning over the environment.
@Suite struct HostConfigurationTests {
    let url = "postgresql://governance@db.example:5432/governance?sslmode=require"

    @Test func defaultsApplyWhenOnlyTheURLIsSet() throws {
        let configuration = try HostConfiguration.load(environment: ["DB_POSTGRES_URL": url])
        #expect(configuration == HostConfiguration(databaseURL: url, minConnections: 2, maxConnections: 10, auditPath: "./data/audit_log.jsonl"))
    }

    @Test func missingOrBlankURLNamesTheVariable() {
        for environment in [[:], ["DB_POSTGRES_URL": "  "]] {
            #expect(throws: ConfigurationError.missingDatabaseURL) { try HostConfiguration.load(environment: environment) }
        }
        #expect(ConfigurationError.missingDatabaseURL.description.hasPrefix("DB_POSTGRES_URL is not set"))
    }

    @Test func unparsableURLIsRejectedByLibpq() {
        do {
            _ = try HostConfiguration.load(environment: ["DB_POSTGRES_URL": "postgresql://host:notaport:/db?bogus_option=1"])
            Issue.record("an invalid URI must be refused")
        } catch {
            guard case let .invalidDatabaseURL(source, _) = error else { Issue.record("got \(error)"); return }
            #expect(source == "DB_POSTGRES_URL")
            #expect(error.description.hasPrefix("DB_POSTGRES_URL is not a valid libpq connection string"))
        }
        // key=value conninfo and multi-host URIs are valid libpq input.
        #expect(throws: Never.self) { try HostConfiguration.load(environment: ["DB_POSTGRES_URL": "host=/tmp dbname=governance"]) }
        #expect(throws: Never.self) {
            try HostConfiguration.load(environment: ["DB_POSTGRES_URL": "postgresql://a:5432,b:5432/gov?target_session_attrs=read-write"])
        }
    }

    @Test func poolSizesMustBePositiveIntegersWithMinNotAboveMax() {
        #expect(throws: ConfigurationError.invalidConnectionCount(source: "DB_POSTGRES_MIN_CONN", value: "0")) {
            try HostConfiguration.load(environment: ["DB_POSTGRES_URL": url, "DB_POSTGRES_MIN_CONN": "0"])
        }
        #expect(throws: ConfigurationError.invalidConnectionCount(source: "DB_POSTGRES_MAX_CONN", value: "ten")) {
            try HostConfiguration.load(environment: ["DB_POSTGRES_URL": url, "DB_POSTGRES_MAX_CONN": "ten"])
        }
        #expect(throws: ConfigurationError.invalidConnectionCount(source: "DB_POSTGRES_MAX_CONN", value: "2.5")) {
            try HostConfiguration.load(environment: ["DB_POSTGRES_URL": url, "DB_POSTGRES_MAX_CONN": "2.5"])
        }
        #expect(throws: ConfigurationError.minAboveMax(min: 5, max: 3)) {
            try HostConfiguration.load(environment: ["DB_POSTGRES_URL": url, "DB_POSTGRES_MIN_CONN": "5", "DB_POSTGRES_MAX_CONN": "3"])
        }
    }

    @Test func flagsOverrideTheEnvironment() throws {
        let configuration = try HostConfiguration.load(
            environment: ["DB_POSTGRES_URL": "postgresql://env/db", "DB_POSTGRES_MIN_CONN": "9", "GOVERNANCE_AUDIT_JSONL": "/env.jsonl"],
            overrides: .init(databaseURL: url, minConnections: "1", maxConnections: "4", auditPath: "/flag.jsonl"))
        #expect(configuration == HostConfiguration(databaseURL: url, minConnections: 1, maxConnections: 4, auditPath: "/flag.jsonl"))
        #expect(throws: ConfigurationError.invalidConnectionCount(source: "--min-connections", value: "x")) {
            try HostConfiguration.load(environment: ["DB_POSTGRES_URL": url], overrides: .init(minConnections: "x"))
        }
    }
}
