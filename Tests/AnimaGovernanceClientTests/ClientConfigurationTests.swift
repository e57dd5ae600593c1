import Foundation
import GovernanceCore
import Testing

@testable import AnimaGovernanceClient

@Suite struct ClientConfigurationTests {
    @Test func tokenFileMustBeOwnerOnly() throws {
        let fixture = try ClientFixture()
        #expect(try DeviceToken.read(path: fixture.tokenPath).value == ClientFixture.token)
        #expect("\(try DeviceToken.read(path: fixture.tokenPath))" == "<device token redacted>")

        let open = fixture.directory.appendingPathComponent("open-token").path
        try fixture.writeFile(open, "secret\n", mode: 0o644)
        #expect(throws: GovernanceClientError.tokenFileTooOpen(path: open, mode: 0o644)) { try DeviceToken.read(path: open) }
        let message = GovernanceClientError.tokenFileTooOpen(path: open, mode: 0o644).description
        #expect(message == "device token file \(open) has mode 0644; it must be readable by its owner only: run `chmod 600 \(open)`")
        #expect(!message.contains("secret"))

        let groupReadable = fixture.directory.appendingPathComponent("group-token").path
        try fixture.writeFile(groupReadable, "secret", mode: 0o640)
        #expect(throws: GovernanceClientError.tokenFileTooOpen(path: groupReadable, mode: 0o640)) {
            try DeviceToken.read(path: groupReadable)
        }
        let readOnly = fixture.directory.appendingPathComponent("ro-token").path
        try fixture.writeFile(readOnly, "  secret  ", mode: 0o400)
        #expect(try DeviceToken.read(path: readOnly).value == "secret")

        let empty = fixture.directory.appendingPathComponent("empty-token").path
        try fixture.writeFile(empty, "\n", mode: 0o600)
        #expect(throws: GovernanceClientError.tokenFileEmpty(path: empty)) { try DeviceToken.read(path: empty) }
        let missing = fixture.directory.appendingPathComponent("missing").path
        #expect(throws: GovernanceClientError.tokenFileUnreadable(path: missing, reason: "No such file or directory")) {
            try DeviceToken.read(path: missing)
        }
    }

    @Test func configurationValidatesURLAndInterval() throws {
        let token = DeviceToken(value: "t")
        #expect(throws: GovernanceClientError.intervalTooShort(29)) {
            try GovernanceClientConfiguration(hostURL: "https://h", token: token, interval: 29)
        }
        #expect(throws: GovernanceClientError.invalidHostURL("ftp://h")) {
            try GovernanceClientConfiguration(hostURL: "ftp://h", token: token)
        }
        #expect(throws: GovernanceClientError.invalidHostURL("governance")) {
            try GovernanceClientConfiguration(hostURL: "governance", token: token)
        }
        let configuration = try GovernanceClientConfiguration(hostURL: "http://127.0.0.1:8767", token: token, interval: 30, batchSize: 500)
        #expect(configuration.interval == 30 && configuration.batchSize == 100)
        #expect(configuration.summariesURL.absoluteString == "http://127.0.0.1:8767/v1/summaries")
        #expect(try GovernanceClientConfiguration(hostURL: "https://h", token: token).interval == 180)
    }

    /// Issue 19 item 11: a token file with a second line put that line into the request as a header of its own.
    @Test func aTokenFileHoldsOneLineOnly() throws {
        let fixture = try ClientFixture()
        for accepted in ["tok3n", "tok3n\n", "tok3n\r\n", "  tok3n \n"] {
            let path = fixture.directory.appendingPathComponent("ok-token").path
            try fixture.writeFile(path, accepted, mode: 0o600)
            #expect(try DeviceToken.read(path: path).value == "tok3n", "\(accepted.debugDescription)")
        }
        for refused in ["tok3n\nX-Injected: yes\n", "tok3n\n\n", "tok\u{0}3n", "tok 3n", "tok3n\rX-Evil: 1"] {
            let path = fixture.directory.appendingPathComponent("bad-token").path
            try fixture.writeFile(path, refused, mode: 0o600)
            do {
                let token = try DeviceToken.read(path: path)
                Issue.record("\(refused.debugDescription) was accepted as \(token.value.debugDescription)")
            } catch {
                guard case .tokenFileMalformed(path, _) = error else { Issue.record("\(error)"); continue }
                #expect(error.description.contains(path) && error.description.contains("one line"), "\(error)")
                #expect(!error.description.contains("tok3n") && !error.description.contains("Injected"))
            }
        }
    }

    /// Issue 19 item 11: `governance.interval = 1e308` was accepted (a device that never sends a summary).
    @Test func theIntervalIsBoundedAbove() throws {
        let token = DeviceToken(value: "t")
        #expect(throws: GovernanceClientError.intervalTooLong(1e308)) {
            try GovernanceClientConfiguration(hostURL: "https://h", token: token, interval: 1e308)
        }
        #expect(GovernanceClientError.intervalTooLong(1e308).description.hasPrefix("governance.interval"))
        #expect(try GovernanceClientConfiguration(hostURL: "https://h", token: token, interval: 86_400).interval == 86_400)
    }

    /// Issue 19 item 11: `http://user:pw@host` printed the password in every failed-send warning.
    @Test func userinfoIsRedactedWhereverTheURLIsShown() async throws {
        #expect(RedactedURL.text("http://user:pw@127.0.0.1:9/v1/summaries") == "http://***@127.0.0.1:9/v1/summaries")
        #expect(RedactedURL.text("https://a:b@c@host/x@y") == "https://***@host/x@y")
        #expect(RedactedURL.text("https://host:8767/path?q=a@b") == "https://host:8767/path?q=a@b")
        #expect(RedactedURL.text("governance") == "governance")
        let token = DeviceToken(value: "t")
        do {
            _ = try GovernanceClientConfiguration(hostURL: "ftp://user:pw@host", token: token)
            Issue.record("ftp accepted")
        } catch {
            #expect(!error.description.contains("pw") && error.description.contains("ftp://***@host"), "\(error)")
        }
        // A failed send through the real transport: connection refused on a port nothing listens on.
        let fixture = try ClientFixture()
        let configuration = try GovernanceClientConfiguration(hostURL: "http://anima:s3cret@127.0.0.1:9", token: token, requestTimeout: 5)
        let client = GovernanceClient(
            configuration: configuration, outbox: fixture.store.outbox, runtimeState: fixture.store.runtimeState,
            transport: CurlTransport(), clock: fixture.clock.function, seed: 1)
        try fixture.enqueue(client)
        let report = await client.syncNow()
        let error = try #require(report.error)
        #expect(!error.contains("s3cret") && error.contains("http://***@127.0.0.1:9"), "\(error)")
    }
}
