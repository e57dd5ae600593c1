import AnimaGovernanceClient
import AnimaRuntime
import AnimaStore
import ArgumentParser
import Foundation

/// `anima sync`: send the outbox, then the queued finished drawings, to the governance host now. Exits non-zero while
/// summaries remain. `--requeue-quarantined` first puts what the host refused (or unreadable rows) back in the queues,
/// for after the cause is fixed (a wrong governance.url that once answered 4xx, a clock that was ahead).
struct SyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Send queued summaries and finished drawings to the governance host now; exit 1 if summaries remain queued.")

    @OptionGroup var options: RuntimeOptions

    @Flag(help: "First put quarantined summaries and drawings (refused by the host, or unreadable rows) back in the queue.")
    var requeueQuarantined = false

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
            let clientConfiguration = try GovernanceClientConfiguration(
                hostURL: url, tokenFile: tokenFile, interval: try configuration.governanceInterval, caFile: configuration.governanceCAFile)
            if requeueQuarantined {
                let summaries = try store.outbox.requeueQuarantined()
                let drawings = try store.drawingUploads.requeueQuarantined()
                print("requeued \(summaries) quarantined summaries and \(drawings) quarantined drawings")
            }
            let client = GovernanceClient(
                configuration: clientConfiguration, outbox: store.outbox, runtimeState: store.runtimeState,
                drawings: store.drawingUploads, clock: AnimaStore.wallClock)
            report = await client.syncNow()
        } catch {
            throw fail("\(error)")
        }
        print("sent \(report.sent) (\(report.accepted) accepted, \(report.duplicates) already there) in \(report.batches) batches; \(report.remaining) remain; \(report.drawingsUploaded) drawings uploaded")
        if let error = report.error { print("error: \(error)") }
        if report.remaining > 0 { throw ExitCode(1) }
    }
}
