import ArgumentParser
import Foundation
import GovernanceHost

/// `governance-host dashboard-link`: prints a one-time URL that signs a browser in to the read-only dashboard.
struct DashboardLinkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboard-link",
        abstract: "Print a one-time login URL for the read-only web dashboard (/ui/). It works once, until --ttl passes.")

    @OptionGroup var database: DatabaseOptions
    @Option(help: "Agent id or unique label: the link opens that agent's page instead of the fleet.") var agent: String?
    @Option(name: .customLong("base-url"), help: "How browsers reach this host; https makes the session cookie Secure.")
    var baseURL = "http://\(ServerOptions.defaultHost):\(ServerOptions.defaultPort)"
    @Option(help: "How long the link stays valid: seconds, or a number with s, m or h (max 24h).") var ttl = "10m"

    func validate() throws {
        guard let seconds = Self.seconds(ttl), seconds >= 1, seconds <= DashboardAccess.maxLinkSeconds else {
            throw ValidationError("--ttl '\(ttl)' must be like 90s, 10m or 2h, at most 24h")
        }
        guard let url = URL(string: baseURL), ["http", "https"].contains(url.scheme?.lowercased() ?? ""), url.host != nil else {
            throw ValidationError("--base-url '\(baseURL)' must be an http:// or https:// URL")
        }
    }

    func run() throws {
        let (_, connection) = try database.connectToCurrentSchema()
        let secure = baseURL.lowercased().hasPrefix("https://")
        do {
            var agentID: UUID?
            if let agent {
                guard let id = try AgentStore.resolve(agent, on: connection) else {
                    throw CommandFailure.exit(.failure, "no agent with id or unique label '\(agent)'; see `governance-host agents`")
                }
                agentID = id
            }
            let secret = try DashboardAccess.createLink(agentID: agentID, ttlSeconds: Self.seconds(ttl) ?? 600, secureCookie: secure, on: connection)
            let base = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
            print("\(base)/ui/login?key=\(secret)")
        } catch let error as PostgresError {
            throw CommandFailure.exit(.failure, error.description)
        }
    }

    static func seconds(_ text: String) -> Int? {
        let units: [Character: Int] = ["s": 1, "m": 60, "h": 3600]
        if let last = text.last, let unit = units[last] { return Int(text.dropLast()).map { $0 * unit } }
        return Int(text)
    }
}
