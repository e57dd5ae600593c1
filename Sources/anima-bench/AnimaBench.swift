@main enum AnimaBench {
    static func main() {
        DrawingBenchmark.run()
    }
}
