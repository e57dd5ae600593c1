/// The OpenAPI 3.1 description of every route, served at `GET /openapi.json`: docs/openapi.json compiled in as a
/// SwiftPM `.embedInCode` resource (Sources/GovernanceHost/Resources/openapi.json is a symlink to it), so the served
/// document and the committed one cannot drift.
enum OpenAPIDocument {
    static let json = String(decoding: PackageResources.openapi_json, as: UTF8.self)
}
