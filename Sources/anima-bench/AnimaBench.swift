@main enum AnimaBench { static func main() { DisplayBench.run() } }
