/// A linear program described in Swift values, solved by GLPK (`GLPKProblem`).
///
/// The description is a plain value so that it can be built, copied and inspected without
/// touching C memory; GLPK's problem object exists only while a solve runs. Inputs are checked
/// here because GLPK aborts the whole process on invalid arguments (duplicate indices, bad
/// bounds) instead of returning an error.
public struct LinearProgram: Sendable {
    /// A variable of this program, returned by `addVariable`.
    public struct Variable: Hashable, Sendable, Comparable {
        public let index: Int
        public static func < (a: Variable, b: Variable) -> Bool { a.index < b.index }
    }

    /// A constraint of this program, returned by `addConstraint`; named in `Optimum.binding`.
    public struct Constraint: Hashable, Sendable, Comparable {
        public let index: Int
        public static func < (a: Constraint, b: Constraint) -> Bool { a.index < b.index }
    }

    /// `nil` bounds are infinite.
    struct Bounds: Sendable {
        var lower: Double?
        var upper: Double?
    }

    struct Row: Sendable {
        /// Variable index and coefficient, one entry per variable, no zero coefficients.
        var terms: [(variable: Int, coefficient: Double)]
        var bounds: Bounds
    }

    private(set) var variableBounds: [Bounds] = []
    private(set) var rows: [Row] = []

    public init() {}

    public var variableCount: Int { variableBounds.count }
    public var constraintCount: Int { rows.count }

    /// A new variable with `lowerBound <= x <= upperBound` (`nil`: no bound on that side).
    public mutating func addVariable(lowerBound: Double? = 0, upperBound: Double? = nil) throws(LinearProgramError)
        -> Variable
    {
        let bounds = try Self.checked(Bounds(lower: lowerBound, upper: upperBound))
        variableBounds.append(bounds)
        return Variable(index: variableBounds.count - 1)
    }

    /// `sum(coefficient * variable) == value`.
    @discardableResult
    public mutating func addConstraint(_ terms: [(Variable, Double)], equals value: Double) throws(LinearProgramError)
        -> Constraint
    {
        try addConstraint(terms, atLeast: value, atMost: value)
    }

    /// `atLeast <= sum(coefficient * variable) <= atMost` (`nil`: no limit on that side).
    @discardableResult
    public mutating func addConstraint(_ terms: [(Variable, Double)], atLeast: Double?, atMost: Double?)
        throws(LinearProgramError) -> Constraint
    {
        let bounds = try Self.checked(Bounds(lower: atLeast, upper: atMost))
        // GLPK refuses a row naming a variable twice: merge repeated variables here.
        var merged: [Int: Double] = [:]
        for (variable, coefficient) in terms {
            guard variable.index >= 0, variable.index < variableBounds.count else {
                throw .unknownVariable(variable.index)
            }
            guard coefficient.isFinite else { throw .notFinite("a coefficient") }
            merged[variable.index, default: 0] += coefficient
        }
        let sorted = merged.filter { $0.value != 0 }.sorted { $0.key < $1.key }.map { (variable: $0.key, coefficient: $0.value) }
        rows.append(Row(terms: sorted, bounds: bounds))
        return Constraint(index: rows.count - 1)
    }

    /// The smallest value `variable` takes over the feasible region.
    public func minimum(of variable: Variable, arithmetic: Arithmetic = .floatingPoint) throws(LinearProgramError)
        -> Optimum
    {
        try optimize([(variable, .minimize)], arithmetic: arithmetic)[0]
    }

    /// The largest value `variable` takes over the feasible region.
    public func maximum(of variable: Variable, arithmetic: Arithmetic = .floatingPoint) throws(LinearProgramError)
        -> Optimum
    {
        try optimize([(variable, .maximize)], arithmetic: arithmetic)[0]
    }

    /// Solves one objective after another on a single GLPK problem, each starting from the
    /// previous optimal basis: the audit asks for the range of dozens of variables of the same
    /// system, and a warm start makes each one a few pivots.
    public func optimize(_ objectives: [(Variable, Direction)], arithmetic: Arithmetic = .floatingPoint)
        throws(LinearProgramError) -> [Optimum]
    {
        for (variable, _) in objectives where !(0..<variableBounds.count).contains(variable.index) {
            throw .unknownVariable(variable.index)
        }
        guard !objectives.isEmpty else { return [] }
        var problem = GLPKProblem(self)
        var results: [Optimum] = []
        results.reserveCapacity(objectives.count)
        for (variable, direction) in objectives {
            results.append(try problem.optimize(variable: variable.index, direction: direction, arithmetic: arithmetic))
        }
        return results
    }

    private static func checked(_ bounds: Bounds) throws(LinearProgramError) -> Bounds {
        if let lower = bounds.lower, !lower.isFinite { throw .notFinite("a lower bound") }
        if let upper = bounds.upper, !upper.isFinite { throw .notFinite("an upper bound") }
        if let lower = bounds.lower, let upper = bounds.upper, lower > upper {
            throw .emptyBounds(lower: lower, upper: upper)
        }
        return bounds
    }
}

extension LinearProgram {
    public enum Direction: Sendable {
        case minimize, maximize
    }

    /// How GLPK computes: `floatingPoint` is its double-precision simplex; `exact` then
    /// re-solves from that basis in rational arithmetic (`glp_exact`, GNU MP), so the optimum is
    /// exact however the problem is conditioned, at several times the cost.
    public enum Arithmetic: Sendable {
        case floatingPoint, exact
    }
}

/// The outcome of one optimisation.
public enum Optimum: Sendable, Equatable {
    /// The optimum, and the constraints whose dual value is non-zero: the ones the optimum
    /// depends on (changing any of their limits would move it). They are the certificate of
    /// the bound, so a caller who wants to weaken the bound knows which figures to touch.
    case optimal(value: Double, binding: [LinearProgram.Constraint])
    /// The objective grows without limit in the asked direction.
    case unbounded
    /// No point satisfies every constraint and bound.
    case infeasible

    public var value: Double? {
        if case .optimal(let value, _) = self { return value }
        return nil
    }
}

/// Why a linear program could not be set up or solved. These are programming errors or solver
/// breakdowns, never caused by the data a library holds; descriptions say which.
public enum LinearProgramError: Error, Equatable, CustomStringConvertible {
    case unknownVariable(Int)
    case notFinite(String)
    case emptyBounds(lower: Double, upper: Double)
    /// GLPK gave up (its return code, e.g. 5 for GLP_EFAIL) or reported a status that a
    /// finished simplex cannot have.
    case solverFailed(code: Int32)

    public var description: String {
        switch self {
        case .unknownVariable(let index): "linear program: variable \(index) does not belong to this program"
        case .notFinite(let what): "linear program: \(what) is not a finite number"
        case .emptyBounds(let lower, let upper): "linear program: lower bound \(lower) is above upper bound \(upper)"
        case .solverFailed(let code): "linear program: the GLPK solver failed (code \(code))"
        }
    }
}
