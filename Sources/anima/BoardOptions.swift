import AnimaBoards
import ArgumentParser

/// The `--boards-dir` option shared by every command that looks a board up.
struct BoardOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Look for board files here first.",
        discussion: "Then $ANIMA_BOARDS_DIR, /etc/anima/boards, /usr/share/anima/boards, ./boards, then the built-in simulator."))
    var boardsDir: String?

    var catalog: BoardCatalog {
        BoardCatalog(searchPath: BoardCatalog.standardSearchPath(boardsDirectory: boardsDir), loader: BoardLoader.standard)
    }

    /// Looks `name` up, turning a board error into a clean exit with its message.
    func board(named name: String) throws -> BoardDefinition {
        do {
            return try catalog.board(named: name)
        } catch {
            throw fail(error.description)
        }
    }
}
