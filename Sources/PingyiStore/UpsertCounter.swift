import PingyiCore
import PingyiPostgres

/// Turns the rows an `INSERT … ON CONFLICT DO UPDATE … WHERE changed RETURNING (xmax = 0) AS inserted`
/// returned into inserted / updated / unchanged counts: an unchanged row returns nothing.
enum UpsertCounter {
    static func count(_ result: QueryResult, total: Int, entity: String) throws -> ImportCount {
        var inserted = 0
        var updated = 0
        for row in result.rows {
            if try row.decode("inserted", as: Bool.self) { inserted += 1 } else { updated += 1 }
        }
        return ImportCount(entity: entity, inserted: inserted, updated: updated, unchanged: total - inserted - updated)
    }
}
