import CrosslinkCore
import Testing

@Suite struct NameTests {
    @Test(arguments: [
        ("aks-a", true), ("a", true), ("1abc", true), ("Aks", false), ("-a", false), ("a-", false),
        ("a_b", false), ("", false), (String(repeating: "a", count: 64), false), ("a.b", false), ("../x", false),
    ])
    func dns1123(name: String, valid: Bool) {
        #expect(((try? NameRule.dns1123Label.check(name, field: "name")) != nil) == valid)
    }

    @Test(arguments: [("backend", true), ("1backend", false), ("pod-poc", true)])
    func dns1035(name: String, valid: Bool) {
        #expect(((try? NameRule.dns1035Label.check(name, field: "name")) != nil) == valid)
    }

    @Test func messagesStayOnOneLine() {
        #expect {
            try NameRule.dns1123Label.check("evil\nname", field: "cluster name")
        } throws: { error in
            let message = (error as? CrosslinkError)?.message ?? ""
            return !message.contains("\n") && message.contains("evil\\nname")
        }
    }
}
