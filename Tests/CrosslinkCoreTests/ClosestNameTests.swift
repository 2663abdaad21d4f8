import CrosslinkCore
import Testing

@Suite struct ClosestNameTests {
    @Test(
        "edit distance counts inserts, deletes, replacements and swapped neighbours",
        arguments: [
            ("list", "list", 0), ("lst", "list", 1), ("lsit", "list", 1), ("clustr", "cluster", 1), ("west-europe", "westeurope", 1),
            ("", "abc", 3), ("kitten", "sitting", 3),
        ])
    func distance(a: String, b: String, expected: Int) {
        #expect(editDistance(a, b) == expected)
        #expect(editDistance(b, a) == expected)
    }

    @Test("a limit caps the answer at limit + 1")
    func limited() {
        #expect(editDistance("kitten", "sitting", limit: 1) == 2)
        #expect(editDistance("a", "abcdef", limit: 2) == 3)
    }

    @Test("the closest name within two edits, else the only name the word begins, else none")
    func closest() {
        let names = ["add", "set", "list", "show", "remove"]
        #expect(closestName(to: "lst", among: names) == "list")
        #expect(closestName(to: "rmove", among: names) == "remove")
        #expect(closestName(to: "frobnicate", among: names) == nil)
        #expect(closestName(to: "recon", among: ["reconcile", "routes", "route"]) == "reconcile")
        // Short words get one edit only: "xyz" is three edits from everything.
        #expect(closestName(to: "ad", among: ["add"]) == "add")
        #expect(closestName(to: "zz", among: ["add"]) == nil)
        // Two names begin "rou": no guess.
        #expect(closestName(to: "rou", among: ["routes", "route-table"]) == nil)
        #expect(closestName(to: String(repeating: "a", count: 100), among: ["add"]) == nil)
    }
}
