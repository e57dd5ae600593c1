@main enum AnimaBench { static func main() { print("anima-bench: no benchmarks yet") } }
