import ArgumentParser
import CrosslinkCore

struct ImportSet: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "set", abstract: "Change the port or path of an import.", discussion: SetSupport.discussion)

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("Who consumes: cluster or cluster/namespace.", valueName: "consumer"), completion: Completions.stored(.cluster)) var consumer:
        String
    @Argument(help: ArgumentHelp("The service: cluster/namespace/service.", valueName: "service"), completion: Completions.stored(.service)) var service: String
    @Option(help: "The one port wanted ('' for every port).") var port: String?
    @Option(help: "auto | local | mesh | tunnel | network | ingress.", completion: Completions.importVia) var via: String?

    func validate() throws { try SetSupport.requireSomeField([port, via]) }

    func run() throws {
        try SetSupport.run(try ImportCommands.reference([consumer, service]), global: global) { entity, _ in
            guard case .import(var item) = entity else { return entity }
            try SetSupport.update(&item.port, clearingWith: port) { text in
                guard let number = Int(text) else { throw CrosslinkError(.invalidValue, "--port \(text.quotedExcerpt) is not a port number") }
                try checkPort(number, field: "--port")
                return number
            }
            try SetSupport.update(&item.via, with: via) { try ImportVia.parse($0, field: "--via") }
            return .import(item)
        }
    }
}
