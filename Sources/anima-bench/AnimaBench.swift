import Foundation

/// `make bench`: every benchmark, release build. Figures go to docs/performance.md.
/// `anima-bench --aged-creature DIR [--days N]` only writes an old creature's data directory (`AgedCreature`).
@main enum AnimaBench {
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.first == "--aged-creature" {
            guard arguments.count >= 2 else {
                FileHandle.standardError.write(Data("usage: anima-bench --aged-creature DIR [--days N]\n".utf8))
                exit(64)
            }
            let days = arguments.count >= 4 && arguments[2] == "--days" ? Int(arguments[3]) ?? 730 : 730
            do {
                try AgedCreature.make(directory: arguments[1], days: max(1, days))
            } catch {
                FileHandle.standardError.write(Data("aged creature: \(error)\n".utf8))
                exit(1)
            }
            return
        }
        DisplayBench.run()
        DrawingBenchmark.run()
        StoreBenchmark.run()
    }
}
