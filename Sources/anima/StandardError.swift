import Foundation

/// Writes one line to standard error (progress and warnings stay out of the piped output).
func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}
