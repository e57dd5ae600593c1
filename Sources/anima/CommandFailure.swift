/// A failure the command reports as `Error: <message>` and exit status 1 (ArgumentParser prints no usage for it,
/// unlike ValidationError, which is for malformed command lines).
struct CommandFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) { self.description = description }
}
