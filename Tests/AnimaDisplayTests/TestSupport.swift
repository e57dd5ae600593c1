import AnimaDisplay
import AnimaDrivers
import AnimaImage

#if canImport(Glibc)
import Glibc
#endif

/// SplitMix64: a tiny seeded generator so property tests are reproducible.
struct SeededRandom: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

func randomImage(width: Int, height: Int, using random: inout SeededRandom) -> RGBImage {
    var image = RGBImage(width: width, height: height)
    for index in image.bytes.indices { image.bytes[index] = UInt8.random(in: 0...255, using: &random) }
    return image
}

/// A fresh path under /tmp for one test.
func temporaryPath(_ name: String) -> String {
    var template = Array("/tmp/anima-display-XXXXXX".utf8CString)
    let directory = template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)!) }
    return directory + "/" + name
}

/// The package's Drivers/panels directory, found from this file's path.
let shippedPanelDirectory: String = {
    var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
    parts.removeLast(3)  // AnimaDisplayTests/TestSupport.swift, Tests
    return parts.joined(separator: "/") + "/Drivers/panels"
}()

func controller(_ name: String) -> any DisplayController {
    DriverRegistry.controller(named: name)!
}

/// Records a display's calls; commands as hex for readable failures.
func commands(_ records: [TraceRecord]) -> [String] {
    records.compactMap { record in
        switch record {
        case let .command(bytes): return "C " + hex(bytes)
        case let .data(bytes): return "D " + hex(bytes)
        case let .wait(ms): return "W \(ms)"
        case let .line(role, value): return "G \(role)=\(value)"
        case let .endFrame(number): return "F \(number)"
        }
    }
}

func hex(_ bytes: [UInt8]) -> String {
    bytes.map { byte in
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
    }.joined(separator: " ")
}

/// A whole file's bytes (PNG outputs of the simulator).
func readBytes(_ path: String) throws -> [UInt8] {
    guard let file = fopen(path, "rb") else { throw DisplayError.file(path: path, operation: "open", errno: errno) }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
        let count = fread(&buffer, 1, buffer.count, file)
        if count == 0 { return bytes }
        bytes += buffer[0..<count]
    }
}
