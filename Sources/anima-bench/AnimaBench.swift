@main enum AnimaBench { static func main() { StoreBenchmark.run() } }
