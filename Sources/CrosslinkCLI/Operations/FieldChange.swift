import CrosslinkCore
import CrosslinkTopologyFile

/// One field of an object that differs between two versions, named as in the topology file.
struct FieldChange: Equatable {
    var field: String
    var before: StructuredValue?
    var after: StructuredValue?

    /// The fields that differ between two versions of one object, in the topology file's field order
    /// (fields only the old version has come last).
    static func between(_ before: Entity, _ after: Entity) -> [FieldChange] {
        guard case .object(let old) = before.structuredValue, case .object(let new) = after.structuredValue else { return [] }
        var changes: [FieldChange] = []
        for field in new {
            let previous = old.first { $0.key == field.key }?.value
            if previous != field.value { changes.append(FieldChange(field: field.key, before: previous, after: field.value)) }
        }
        for field in old where !new.contains(where: { $0.key == field.key }) {
            changes.append(FieldChange(field: field.key, before: field.value, after: nil))
        }
        return changes
    }

    /// `field: before -> after`, values as a person types them (`-` for an absent one).
    var text: String {
        "\(field): \(Self.text(before)) -> \(Self.text(after))"
    }

    /// A value as the command line takes it: plain scalars, comma-joined lists, ports as `--ports`
    /// spells them; anything else as JSON.
    static func text(_ value: StructuredValue?) -> String {
        switch value {
        case nil, .null?: return "-"
        case .string(let text)?: return text.isEmpty ? "''" : text
        case .int(let number)?: return String(number)
        case .bool(let flag)?: return String(flag)
        case .list(let items)?: return items.isEmpty ? "[]" : items.map { text($0) }.joined(separator: ",")
        case .object?:
            if let port = value.flatMap(ServicePort.init(structuredValue:)) { return port.typed }
            return value?.json() ?? "-"
        }
    }

    var structuredValue: StructuredValue {
        .object(["field": .string(field), "before": before ?? .null, "after": after ?? .null])
    }
}

extension ServicePort {
    /// Reads back a port written by `Entity.structuredValue`; nil for anything else.
    init?(structuredValue value: StructuredValue) {
        guard case .int(let port)? = value["port"], case .int(let target)? = value["targetPort"],
            case .string(let name)? = value["protocol"], let portProtocol = PortProtocol(rawValue: name)
        else { return nil }
        var appProtocol: String?
        if case .string(let text)? = value["appProtocol"] { appProtocol = text }
        var portName: String?
        if case .string(let text)? = value["name"] { portName = text }
        self.init(name: portName, port: port, targetPort: target, protocol: portProtocol, appProtocol: appProtocol)
    }
}
