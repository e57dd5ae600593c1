import Foundation

/// Finds boards by name along a search path of directories, then in the boards compiled into the binary.
///
/// Lookup order (first match wins): `--boards-dir`, `$ANIMA_BOARDS_DIR`, `/etc/anima/boards`,
/// `/usr/share/anima/boards`, `./boards`, then the built-in simulator. A board `NAME` is the file
/// `NAME.yaml` in one of those directories; a file that exists but is invalid is an error, never skipped,
/// so a typo in /etc/anima/boards cannot silently fall back to a shipped file.
public struct BoardCatalog: Sendable {
    public static let embeddedOrigin = "<built-in>"

    public var searchPath: [String]
    public var loader: BoardLoader

    public init(searchPath: [String], loader: BoardLoader) {
        self.searchPath = searchPath
        self.loader = loader
    }

    /// The standard search path. `boardsDirectory` is `--boards-dir`; `environment` supplies `ANIMA_BOARDS_DIR`.
    public static func standardSearchPath(
        boardsDirectory: String?, environment: [String: String] = ProcessInfo.processInfo.environment,
        currentDirectory: String = FileManager.default.currentDirectoryPath
    ) -> [String] {
        var path: [String] = []
        if let boardsDirectory, !boardsDirectory.isEmpty { path.append(boardsDirectory) }
        if let fromEnvironment = environment["ANIMA_BOARDS_DIR"], !fromEnvironment.isEmpty { path.append(fromEnvironment) }
        path += ["/etc/anima/boards", "/usr/share/anima/boards", currentDirectory + "/boards"]
        return path
    }

    /// The board called `name`, or the file itself when `name` is a path to a `.yaml` file.
    public func board(named name: String) throws(BoardError) -> BoardDefinition {
        if name.contains("/") || name.hasSuffix(".yaml") {
            return try loader.load(path: name)
        }
        for directory in searchPath {
            let path = directory + "/" + name + ".yaml"
            guard FileManager.default.fileExists(atPath: path) else { continue }
            let board = try loader.load(path: path)
            guard board.name == name else {
                throw .conflict(file: path, line: 1, field: "name",
                                detail: "the file is \(name).yaml but names the board '\(board.name)'; the name must match the file name.")
            }
            return board
        }
        if name == "simulator" { return try Self.embeddedSimulator(loader: loader) }
        throw .notFound(name: name, searched: searchPath, available: list().boards.map(\.name))
    }

    /// Every board on the search path (first directory wins for a name) plus the built-in ones, sorted by name,
    /// and the errors of files that failed to load.
    public func list() -> (boards: [BoardDefinition], errors: [BoardError]) {
        var boards: [String: BoardDefinition] = [:]
        var errors: [BoardError] = []
        for directory in searchPath {
            guard let entries = try? FileManager.default.contentsOfDirectory(atPath: directory) else { continue }
            for entry in entries.sorted() where entry.hasSuffix(".yaml") && entry != "schema.yaml" {
                let name = String(entry.dropLast(".yaml".count))
                guard boards[name] == nil else { continue }
                do {
                    boards[name] = try board(named: name, in: directory)
                } catch {
                    errors.append(error)
                }
            }
        }
        if boards["simulator"] == nil, let simulator = try? Self.embeddedSimulator(loader: loader) {
            boards["simulator"] = simulator
        }
        return (boards.values.sorted { $0.name < $1.name }, errors)
    }

    private func board(named name: String, in directory: String) throws(BoardError) -> BoardDefinition {
        try BoardCatalog(searchPath: [directory], loader: loader).board(named: name)
    }

    /// The simulator board compiled into the binary.
    public static func embeddedSimulator(loader: BoardLoader) throws(BoardError) -> BoardDefinition {
        try loader.parse(text: BuiltInBoardFiles.simulator, file: embeddedOrigin)
    }
}
