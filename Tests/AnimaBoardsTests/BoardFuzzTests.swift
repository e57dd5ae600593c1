import Testing
@testable import AnimaBoards

/// Thousands of seeded mutations of the shipped files: the loader must return a board or one `BoardError`
/// naming the file — never crash, hang or throw anything else.
@Suite("Board file fuzzing")
struct BoardFuzzTests {
    enum Mutation: CaseIterable { case flipByte, deleteLine, duplicateLine, truncate, insertGarbage, swapLines, replaceValue }

    static func mutate(_ bytes: [UInt8], using random: inout SeededGenerator) -> [UInt8] {
        var bytes = bytes
        guard !bytes.isEmpty else { return bytes }
        let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
        switch Mutation.allCases.randomElement(using: &random) ?? .flipByte {
        case .flipByte:
            let index = Int.random(in: 0..<bytes.count, using: &random)
            bytes[index] ^= UInt8.random(in: 1...255, using: &random)
        case .deleteLine:
            var edited = lines
            edited.remove(at: Int.random(in: 0..<edited.count, using: &random))
            bytes = Array(edited.joined(separator: [0x0A]))
        case .duplicateLine:
            var edited = lines
            let index = Int.random(in: 0..<edited.count, using: &random)
            edited.insert(edited[index], at: Int.random(in: 0...edited.count, using: &random))
            bytes = Array(edited.joined(separator: [0x0A]))
        case .truncate:
            bytes = Array(bytes.prefix(Int.random(in: 0..<bytes.count, using: &random)))
        case .insertGarbage:
            let garbage = (0..<Int.random(in: 1...16, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
            bytes.insert(contentsOf: garbage, at: Int.random(in: 0...bytes.count, using: &random))
        case .swapLines:
            var edited = lines
            edited.swapAt(Int.random(in: 0..<edited.count, using: &random), Int.random(in: 0..<edited.count, using: &random))
            bytes = Array(edited.joined(separator: [0x0A]))
        case .replaceValue:
            let values = ["-1", "28", "0x", "99999999999999999999", "[", "{", "]", "\"", "~", "yes", "1e9", "&a", "*a", ": :", "!!binary x", "\t"]
            let value = Array((values.randomElement(using: &random) ?? "").utf8)
            var edited = lines
            let index = Int.random(in: 0..<edited.count, using: &random)
            if let colon = edited[index].firstIndex(of: UInt8(ascii: ":")) {
                edited[index] = Array(edited[index][...colon]) + [0x20] + value
            }
            bytes = Array(edited.joined(separator: [0x0A]))
        }
        return bytes
    }

    @Test("4,500 seeded mutations of the shipped files never crash and always name the file", arguments: BoardTestSupport.shippedBoardNames)
    func mutations(name: String) throws {
        let original = Array(try BoardTestSupport.text(of: name).utf8)
        var random = SeededGenerator(seed: 0xB0A2D5 &+ UInt64(name.utf8.count))
        var outcomes = (valid: 0, errors: 0)
        for round in 0..<500 {
            var bytes = original
            for _ in 0...(round % 3) { bytes = Self.mutate(bytes, using: &random) }
            do {
                _ = try BoardTestSupport.loader.parse(bytes: bytes, file: "\(name).yaml")
                outcomes.valid += 1
            } catch {
                #expect(error.description.hasPrefix("\(name).yaml"), "\(error)")
                outcomes.errors += 1
            }
        }
        #expect(outcomes.valid + outcomes.errors == 500)
        #expect(outcomes.errors > 100, "mutations should mostly break the file")
    }
}
