import Foundation
import Testing

@testable import AnimaRuntime

/// Issue 19 item 11: the governance settings as `anima run`, `anima sync` and `anima config show` read them.
@Suite struct GovernanceSettingsTests {
    /// `governance.interval = 1e308` was accepted: a device that never sends a summary, without a word.
    @Test(arguments: ["1e308", "86401", "1e9"])
    func anIntervalAboveADayIsRefusedNamingTheField(_ value: String) throws {
        do {
            let configuration = try RuntimeConfiguration(file: nil, environment: [:], flags: ["governance.interval": value])
            Issue.record("accepted \(value) as \(try configuration.governanceInterval)")
        } catch {
            #expect(error.description.contains("'governance.interval'") && error.description.contains("at most 86400"), "\(error)")
        }
        let day = try RuntimeConfiguration(file: nil, environment: [:], flags: ["governance.interval": "86400"])
        #expect(try day.governanceInterval == 86_400)
    }

    /// `http://user:pw@host` was shown with its password by `anima config show`.
    @Test func configShowRedactsTheURLsUserinfo() throws {
        let configuration = try RuntimeConfiguration(
            file: nil, environment: ["ANIMA_GOVERNANCE_URL": "https://anima:s3cret@governance.example:8767"], flags: [:])
        let row = try #require(configuration.shownRows().first { $0.first == "governance.url" })
        #expect(row[1] == "https://***@governance.example:8767", "\(row)")
        #expect(!configuration.shownRows().flatMap { $0 }.contains { $0.contains("s3cret") })
    }
}
