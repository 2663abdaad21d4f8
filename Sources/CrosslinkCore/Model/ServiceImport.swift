/// Names an import: its consumer and the service it wants.
package struct ImportID: Hashable, Comparable, Sendable, CustomStringConvertible {
    package var consumer: Consumer
    package var service: ServiceID

    package init(consumer: Consumer, service: ServiceID) {
        self.consumer = consumer
        self.service = service
    }

    package var description: String { "\(consumer) -> \(service)" }

    package static func < (lhs: ImportID, rhs: ImportID) -> Bool {
        (lhs.consumer, lhs.service) < (rhs.consumer, rhs.service)
    }
}

/// A cross-cluster service import a user wants to work.
package struct ServiceImport: Hashable, Sendable {
    package var id: ImportID
    /// The one port wanted; nil means every port of the service.
    package var port: Int?
    package var via: ImportVia

    package init(id: ImportID, port: Int? = nil, via: ImportVia = .auto) {
        self.id = id
        self.port = port
        self.via = via
    }
}
