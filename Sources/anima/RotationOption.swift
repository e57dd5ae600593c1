import AnimaBoards
import ArgumentParser

/// `--rotation 0|90|180|270`, checked at parse time with a message that lists the choices.
extension BoardRotation: ExpressibleByArgument {
    public init?(argument: String) {
        guard let degrees = Int(argument) else { return nil }
        self.init(rawValue: degrees)
    }

    public static var allValueStrings: [String] { allCases.map { String($0.rawValue) } }
}
