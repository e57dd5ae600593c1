import Foundation
import Testing
@testable import AnimaBoards

@Suite("Board lookup order")
struct BoardCatalogTests {
    static func write(_ text: String, to directory: String, as name: String) throws {
        try text.write(toFile: directory + "/" + name + ".yaml", atomically: true, encoding: .utf8)
    }

    @Test("the standard search path is --boards-dir, $ANIMA_BOARDS_DIR, /etc, /usr/share, ./boards")
    func standardOrder() {
        let path = BoardCatalog.standardSearchPath(boardsDirectory: "/opt/b", environment: ["ANIMA_BOARDS_DIR": "/env/b"], currentDirectory: "/work")
        #expect(path == ["/opt/b", "/env/b", "/etc/anima/boards", "/usr/share/anima/boards", "/work/boards"])
        #expect(BoardCatalog.standardSearchPath(boardsDirectory: nil, environment: [:], currentDirectory: "/w")
            == ["/etc/anima/boards", "/usr/share/anima/boards", "/w/boards"])
    }

    @Test("the first directory that has the board wins; the simulator falls back to the built-in copy")
    func firstWins() throws {
        let first = try BoardTestSupport.temporaryDirectory()
        let second = try BoardTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: first); try? FileManager.default.removeItem(atPath: second) }
        let brainCraft = try BoardTestSupport.text(of: "adafruit-braincraft-hat")
        try Self.write(brainCraft.replacingOccurrences(of: "max_speed_hz: 40000000", with: "max_speed_hz: 24000000"), to: first, as: "adafruit-braincraft-hat")
        try Self.write(brainCraft, to: second, as: "adafruit-braincraft-hat")
        let catalog = BoardCatalog(searchPath: [first, second], loader: BoardTestSupport.loader)
        let board = try catalog.board(named: "adafruit-braincraft-hat")
        #expect(board.bus == .spi(SPIBus(device: "/dev/spidev0.0", maxSpeedHz: 24_000_000)))
        #expect(board.origin == first + "/adafruit-braincraft-hat.yaml")

        let simulator = try catalog.board(named: "simulator")
        #expect(simulator.origin == BoardCatalog.embeddedOrigin)
        #expect(simulator.display.width == 240 && simulator.bus == .simulator)
        #expect(catalog.list().boards.map(\.name) == ["adafruit-braincraft-hat", "simulator"])
    }

    @Test("an invalid file on the path is an error, not skipped; a name that differs from the file name is refused")
    func invalidIsAnError() throws {
        let directory = try BoardTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try Self.write("name: simulator\ndescription: broken\n", to: directory, as: "simulator")
        let catalog = BoardCatalog(searchPath: [directory], loader: BoardTestSupport.loader)
        #expect(throws: BoardError.missingField(file: directory + "/simulator.yaml", line: 1, field: "display")) {
            try catalog.board(named: "simulator")
        }
        #expect(catalog.list().errors.count == 1)
        try Self.write(try BoardTestSupport.text(of: "simulator"), to: directory, as: "renamed")
        #expect(throws: BoardError.self) { try catalog.board(named: "renamed") }
    }

    @Test("an unknown name lists the directories searched and the boards that exist")
    func notFound() {
        let catalog = BoardCatalog(searchPath: [BoardTestSupport.boardsDirectory], loader: BoardTestSupport.loader)
        #expect(throws: BoardError.notFound(name: "nope", searched: [BoardTestSupport.boardsDirectory], available: BoardTestSupport.shippedBoardNames)) {
            try catalog.board(named: "nope")
        }
    }
}
