import AnimaRuntime
import ArgumentParser
import CommandOutput

/// `anima config show`: the resolved configuration and where each value came from.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Show the resolved configuration.",
        subcommands: [Show.self],
        defaultSubcommand: Show.self)

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print every setting, its value and its source (default, file:line, env, flag).")

        @OptionGroup var options: RuntimeOptions
        @OptionGroup var output: OutputFormatOption

        func run() throws {
            do {
                let resolved = try ConfigurationLoader.load(explicitPath: options.config, flags: options.flags)
                print(output.resolved.render(header: ["SETTING", "VALUE", "SOURCE"], rows: resolved.shownRows()))
            } catch {
                throw fail(error.description)
            }
        }
    }
}
