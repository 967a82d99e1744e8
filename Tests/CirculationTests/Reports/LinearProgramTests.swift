import LinearProgramming
import Testing

@Suite("Linear program (GLPK wrapper)")
struct LinearProgramTests {
    /// max 3x + 2y with x + y <= 4, x + 3y <= 9, x <= 3: optimum 11 at (3, 1). Written with a
    /// helper variable z = 3x + 2y, since the wrapper optimises one variable.
    @Test("a textbook LP reaches its known optimum, and names the constraints it rests on")
    func knownOptimum() throws {
        var lp = LinearProgram()
        let x = try lp.addVariable(lowerBound: 0, upperBound: 3)
        let y = try lp.addVariable(lowerBound: 0)
        let z = try lp.addVariable(lowerBound: nil)
        let capacity = try lp.addConstraint([(x, 1), (y, 1)], atLeast: nil, atMost: 4)
        let other = try lp.addConstraint([(x, 1), (y, 3)], atLeast: nil, atMost: 9)
        try lp.addConstraint([(z, 1), (x, -3), (y, -2)], equals: 0)
        let best = try lp.maximum(of: z)
        #expect(abs((best.value ?? 0) - 11) < 1e-9)
        guard case .optimal(_, let binding) = best else { Issue.record("not optimal"); return }
        #expect(binding.contains(capacity))
        #expect(!binding.contains(other))
        #expect(abs((try lp.minimum(of: z).value ?? -1) - 0) < 1e-9)
    }

    @Test("exact rational arithmetic gives the same optimum as floating point")
    func exactArithmetic() throws {
        var lp = LinearProgram()
        let x = try lp.addVariable(lowerBound: 1)
        let y = try lp.addVariable(lowerBound: 1)
        try lp.addConstraint([(x, 3), (y, 7)], equals: 100)
        #expect(try lp.maximum(of: x, arithmetic: .exact).value == 31)
        #expect(abs((try lp.maximum(of: x).value ?? 0) - 31) < 1e-9)
        #expect(try lp.minimum(of: x, arithmetic: .exact).value == 1)
        // The rational optimum 97/7, rounded to a double (GNU MP truncates: within one unit in the last place).
        #expect(abs((try lp.maximum(of: y, arithmetic: .exact).value ?? 0) - 97.0 / 7.0) < 1e-14)
    }

    @Test("contradictory constraints are reported infeasible, not solved")
    func infeasible() throws {
        var lp = LinearProgram()
        let x = try lp.addVariable(lowerBound: 1)
        let y = try lp.addVariable(lowerBound: 1)
        try lp.addConstraint([(x, 1), (y, 1)], equals: 1)
        #expect(try lp.maximum(of: x) == .infeasible)
        #expect(try lp.minimum(of: y, arithmetic: .exact) == .infeasible)
    }

    @Test("a variable with no upper limit is unbounded above, bounded below by its own bound")
    func bounds() throws {
        var lp = LinearProgram()
        let x = try lp.addVariable(lowerBound: 2)
        let y = try lp.addVariable(lowerBound: 0, upperBound: 5)
        try lp.addConstraint([(x, 1), (y, -1)], atLeast: 0, atMost: nil)
        #expect(try lp.maximum(of: x) == .unbounded)
        #expect(try lp.minimum(of: x).value == 2)
        #expect(try lp.maximum(of: y).value == 5)
        // A program without constraints: the bounds alone answer.
        var free = LinearProgram()
        let z = try free.addVariable(lowerBound: -4, upperBound: 9)
        #expect(try free.minimum(of: z).value == -4)
        #expect(try free.maximum(of: z).value == 9)
    }

    @Test("many objectives on one problem give the same answers as solving each alone")
    func warmStartedBatch() throws {
        var lp = LinearProgram()
        let cells = try (0..<6).map { _ in try lp.addVariable(lowerBound: 1) }
        // Two rows of three cells with totals 9 and 20, columns pairwise summing to 4, 12, 13.
        try lp.addConstraint([(cells[0], 1), (cells[1], 1), (cells[2], 1)], equals: 9)
        try lp.addConstraint([(cells[3], 1), (cells[4], 1), (cells[5], 1)], equals: 20)
        for c in 0..<3 { try lp.addConstraint([(cells[c], 1), (cells[c + 3], 1)], equals: [4, 12, 13][c]) }
        let objectives = cells.flatMap { [($0, LinearProgram.Direction.minimize), ($0, .maximize)] }
        let batch = try lp.optimize(objectives)
        for (index, (variable, direction)) in objectives.enumerated() {
            let alone = direction == .minimize ? try lp.minimum(of: variable) : try lp.maximum(of: variable)
            #expect(abs((batch[index].value ?? .nan) - (alone.value ?? .nan)) < 1e-9)
        }
        #expect(batch[0].value == 1 && batch[1].value == 3)  // cell 0 lies in 1...3
    }

    @Test("invalid input is refused with an error instead of reaching GLPK, which would abort")
    func invalidInput() throws {
        var lp = LinearProgram()
        #expect(throws: LinearProgramError.emptyBounds(lower: 3, upper: 2)) { try lp.addVariable(lowerBound: 3, upperBound: 2) }
        #expect(throws: LinearProgramError.notFinite("an upper bound")) { try lp.addVariable(upperBound: .infinity) }
        let x = try lp.addVariable()
        let stranger = try { var other = LinearProgram(); _ = try other.addVariable(); return try other.addVariable() }()
        #expect(throws: LinearProgramError.unknownVariable(1)) { try lp.addConstraint([(stranger, 1)], equals: 0) }
        // A repeated variable is merged (GLPK would abort on it): x + x = 4 means x = 2.
        try lp.addConstraint([(x, 1), (x, 1)], equals: 4)
        #expect(try lp.maximum(of: x).value == 2)
    }
}
