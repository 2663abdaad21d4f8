import CrosslinkCore
import CrosslinkTopologyFile

/// Something a read command prints: a structured value for scripts (`-o json|yaml`) and text for people.
protocol Renderable {
    var structuredValue: StructuredValue { get }
    /// The table or report for people, laid out for `style`.
    func text(_ style: TextStyle) -> String
}

/// The one place `-o table|json|yaml` is decided. JSON and YAML always carry every field in full;
/// only the text for people is wrapped and coloured (for standard output by default).
func render(_ value: some Renderable, as format: OutputFormat, style: @autoclosure () -> TextStyle = .standardOutput) throws -> String {
    switch format {
    case .json: return value.structuredValue.json() + "\n"
    case .yaml:
        let structured = value.structuredValue
        if case .list(let items) = structured, items.isEmpty { return "[]\n" }
        return try structured.yaml()
    case .table: return value.text(style())
    }
}

/// How values look in tables.
enum Renderer {
    /// A cell: scalars as text, lists comma-joined, ports as `--ports` takes them
    /// (`http=80:8080/TCP@http`), the two ends of a link as `a~b` (as its key is written everywhere),
    /// other objects as their values joined by ':'.
    static func cell(_ value: StructuredValue?, field: String? = nil) -> String {
        switch value {
        case nil, .null?: return "-"
        case .string(let text)?: return text.isEmpty ? "-" : text
        case .int(let number)?: return String(number)
        case .bool(let flag)?: return flag ? "yes" : "no"
        case .list(let items)?:
            if items.isEmpty { return "-" }
            return items.map { cell($0) }.joined(separator: field == "between" ? "~" : ",")
        case .object(let fields)?:
            if let port = value.flatMap(ServicePort.init(structuredValue:)) { return port.typed }
            return fields.map { cell($0.value) }.joined(separator: ":")
        }
    }
}
