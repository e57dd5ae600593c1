import ArgumentParser

/// Prints `error: …` to standard error and returns the exit status to throw, for failures after the arguments were
/// accepted (ArgumentParser's ValidationError is for malformed command lines and prints the usage too).
func fail(_ message: String) -> ExitCode {
    printError("error: \(message)")
    return ExitCode.failure
}
