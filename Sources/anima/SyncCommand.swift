import AnimaGovernanceClient
import AnimaRuntime
import AnimaStore
import ArgumentParser
import Foundation

/// `anima sync`: send the outbox to the governance host now. Exits non-zero while rows remain.
struct SyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Send queued summaries to the governance host now; exit 1 if any remain queued.")

    @OptionGroup var options: RuntimeOptions

    func run() async throws {
        let configuration: RuntimeConfiguration
        do {
            configuration = try ConfigurationLoader.load(explicitPath: options.config, flags: options.flags)
        } catch {
            throw fail(error.description, status: FailureStatus(error))
        }
        guard let url = configuration.governanceURL else {
            throw fail("no governance host configured: give --governance-url URL and --token-file FILE")
        }
        guard let tokenFile = configuration.tokenFile else {
            throw fail("no device token: give --token-file FILE (mode 0600)")
        }
        let databasePath = configuration.dataDirectory + "/anima.db"
        guard FileManager.default.fileExists(atPath: databasePath) else {
            throw fail("\(databasePath) does not exist: nothing to send (is --data-dir right?)")
        }
        let report: SyncReport
        do {
            let store = try AnimaStore(path: databasePath)
            defer { store.close() }
            let client = GovernanceClient(
                configuration: try GovernanceClientConfiguration(
                    hostURL: url, tokenFile: tokenFile, interval: try configuration.governanceInterval, caFile: configuration.governanceCAFile),
                outbox: store.outbox, runtimeState: store.runtimeState, clock: AnimaStore.wallClock)
            report = await client.syncNow()
        } catch {
            throw fail("\(error)")
        }
        print("sent \(report.sent) (\(report.accepted) accepted, \(report.duplicates) already there) in \(report.batches) batches; \(report.remaining) remain")
        if let error = report.error { print("error: \(error)") }
        if report.remaining > 0 { throw ExitCode(1) }
    }
}
