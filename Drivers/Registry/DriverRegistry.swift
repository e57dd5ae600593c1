import AnimaDisplay
import DriverGC9A01
import DriverILI9341
import DriverSSD1306
import DriverST7735R
import DriverST7789

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Every controller Anima can drive: the built-in Swift drivers, plus panels described by `.panel` files
/// (see docs/display.md) found in the directories a caller names (the shipped `Drivers/panels/`, a user directory).
public enum DriverRegistry {
    /// The built-in controllers, by name.
    public static let all: [any DisplayController] = [ST7789(), ST7735R(), ILI9341(), GC9A01(), SSD1306()]

    /// A built-in controller by its name ("st7789"), case-insensitive.
    public static func controller(named name: String) -> (any DisplayController)? {
        let wanted = name.lowercased()
        return all.first { $0.name == wanted }
    }

    /// A built-in controller or a panel file's panel by name. Built-ins win; panel files are searched in the order
    /// the directories are given. A malformed panel file in a searched directory is an error (naming file and line),
    /// so a typo is never silently skipped.
    public static func controller(named name: String, panelDirectories: [String]) throws(PanelFileError) -> (any DisplayController)? {
        if let builtIn = controller(named: name) { return builtIn }
        let wanted = name.lowercased()
        for directory in panelDirectories {
            if let panel = try panels(in: directory).first(where: { $0.name == wanted }) { return panel }
        }
        return nil
    }

    /// All `.panel` files in a directory, parsed, sorted by file name. A missing directory has no panels.
    public static func panels(in directory: String) throws(PanelFileError) -> [PanelDefinition] {
        var panels: [PanelDefinition] = []
        for file in panelFiles(in: directory) {
            panels.append(try PanelFile.load(path: directory + "/" + file))
        }
        return panels
    }

    /// Names of every controller and panel available with these directories (for `anima boards` messages).
    public static func availableNames(panelDirectories: [String]) throws(PanelFileError) -> [String] {
        var names = all.map(\.name)
        for directory in panelDirectories { names += try panels(in: directory).map(\.name) }
        return names
    }

    private static func panelFiles(in directory: String) -> [String] {
        guard let handle = opendir(directory) else { return [] }
        defer { closedir(handle) }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name.hasSuffix("." + PanelFile.fileExtension) && !name.hasPrefix(".") { names.append(name) }
        }
        return names.sorted()
    }
}
