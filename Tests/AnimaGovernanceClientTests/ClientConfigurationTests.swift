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
}
