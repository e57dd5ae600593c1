import ArgumentParser
import GovernanceHost

struct MigrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Apply pending schema migrations (in order, each in a transaction, under an advisory lock).",
        discussion: "Safe to run any number of times and from several hosts at once. Refuses (exit 4) if an applied migration was changed.")

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let (_, connection) = try database.connect()
        let migrator = Migrator()
        do {
            let applied = try migrator.migrate(on: connection)
            if applied.isEmpty {
                print("schema is current (version \(migrator.latestVersion)); nothing to apply")
            } else {
                for migration in applied { print("applied \(migration.version) \(migration.name)") }
                print("schema is now at version \(migrator.latestVersion)")
            }
        } catch {
            if case .database(let inner) = error { throw CommandFailure.exit(.failure, inner.description) }
            throw CommandFailure.exit(.schema, error.description)
        }
    }
}
