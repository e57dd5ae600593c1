/// `make bench`: every benchmark, release build. Figures go to docs/performance.md.
@main enum AnimaBench {
    static func main() {
        DisplayBench.run()
        DrawingBenchmark.run()
    }
}
