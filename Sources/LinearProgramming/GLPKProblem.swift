import CGLPK

/// GLPK's problem object for one `LinearProgram`, alive for one batch of solves.
///
/// Noncopyable so that exactly one owner deletes the C object. GLPK keeps its environment
/// (terminal switch, memory) per thread in Debian's build (thread-local storage), so each
/// problem silences the terminal of the thread it runs on and is never shared between threads.
struct GLPKProblem: ~Copyable {
    private let pointer: OpaquePointer
    private let columnCount: Int
    private let rowCount: Int
    private var objectiveColumn: Int32? = nil
    private var parameters = glp_smcp()

    /// A dual value smaller than this is taken as zero when naming the binding constraints.
    private static let dualTolerance = 1e-9

    init(_ program: LinearProgram) {
        // GLPK prints progress and warnings on standard output unless told not to.
        _ = glp_term_out(GLP_OFF)
        pointer = glp_create_prob()
        columnCount = program.variableCount
        rowCount = program.constraintCount
        glp_init_smcp(&parameters)
        parameters.msg_lev = GLP_MSG_OFF
        // No presolver: it would discard the basis each solve warm-starts from, and these
        // problems are small.
        parameters.presolve = GLP_OFF
        if columnCount > 0 { _ = glp_add_cols(pointer, Int32(columnCount)) }
        if rowCount > 0 { _ = glp_add_rows(pointer, Int32(rowCount)) }
        for (index, bounds) in program.variableBounds.enumerated() {
            let (type, lower, upper) = Self.glpkBounds(bounds)
            glp_set_col_bnds(pointer, Int32(index + 1), type, lower, upper)
        }
        for (index, row) in program.rows.enumerated() {
            let (type, lower, upper) = Self.glpkBounds(row.bounds)
            let i = Int32(index + 1)
            glp_set_row_bnds(pointer, i, type, lower, upper)
            // GLPK arrays are 1-based: element 0 is ignored.
            let columns: [Int32] = [0] + row.terms.map { Int32($0.variable + 1) }
            let values: [Double] = [0] + row.terms.map(\.coefficient)
            glp_set_mat_row(pointer, i, Int32(row.terms.count), columns, values)
        }
    }

    deinit { glp_delete_prob(pointer) }

    mutating func optimize(variable: Int, direction: LinearProgram.Direction, arithmetic: LinearProgram.Arithmetic)
        throws(LinearProgramError) -> Optimum
    {
        let column = Int32(variable + 1)
        if let previous = objectiveColumn, previous != column { glp_set_obj_coef(pointer, previous, 0) }
        glp_set_obj_coef(pointer, column, 1)
        objectiveColumn = column
        glp_set_obj_dir(pointer, direction == .minimize ? GLP_MIN : GLP_MAX)

        var code = glp_simplex(pointer, &parameters)
        if code == GLP_EBADB || code == GLP_ESING || code == GLP_ECOND {
            // The basis left by the previous solve is unusable for this one: start afresh.
            glp_adv_basis(pointer, 0)
            code = glp_simplex(pointer, &parameters)
        }
        guard code == 0 else { throw .solverFailed(code: code) }
        if arithmetic == .exact {
            let exactCode = glp_exact(pointer, &parameters)
            guard exactCode == 0 else { throw .solverFailed(code: exactCode) }
        }
        switch glp_get_status(pointer) {
        case GLP_OPT:
            var binding: [LinearProgram.Constraint] = []
            for i in 0..<rowCount where abs(glp_get_row_dual(pointer, Int32(i + 1))) > Self.dualTolerance {
                binding.append(LinearProgram.Constraint(index: i))
            }
            return .optimal(value: glp_get_obj_val(pointer), binding: binding)
        case GLP_UNBND: return .unbounded
        case GLP_NOFEAS: return .infeasible
        case let status: throw .solverFailed(code: status)
        }
    }

    private static func glpkBounds(_ bounds: LinearProgram.Bounds) -> (Int32, Double, Double) {
        switch (bounds.lower, bounds.upper) {
        case (nil, nil): (GLP_FR, 0, 0)
        case (let lower?, nil): (GLP_LO, lower, 0)
        case (nil, let upper?): (GLP_UP, 0, upper)
        case (let lower?, let upper?): lower == upper ? (GLP_FX, lower, upper) : (GLP_DB, lower, upper)
        }
    }
}
