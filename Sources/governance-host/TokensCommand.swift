import ArgumentParser

struct TokensCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tokens",
        abstract: "Create operator or extra device tokens, or revoke a token.",
        subcommands: [TokensCreateCommand.self, TokensRevokeCommand.self])
}
