/// boards/schema.yaml and boards/simulator.yaml, compiled into the binary as SwiftPM `.embedInCode` resources (the
/// files under Sources/AnimaBoards/Resources are symlinks to them), so validation and `anima run --board simulator`
/// never depend on installed files and each document exists once in the repository.
enum BuiltInBoardFiles {
    static let schema = String(decoding: PackageResources.schema_yaml, as: UTF8.self)
    static let simulator = String(decoding: PackageResources.simulator_yaml, as: UTF8.self)
}
