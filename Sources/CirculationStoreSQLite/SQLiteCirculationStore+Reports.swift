import CirculationStore
import GRDB

extension SQLiteCirculationStore {
    /// The most-circulated list straight from SQL: a month can hold hundreds of thousands of
    /// items, of which the report needs twenty.
    public func mostUsedItems(month: String, minimumCount: Int, limit: Int) throws(StoreError) -> [ItemCount] {
        let path = self.path
        return try read("read") { db in
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT item, count FROM item_monthly_counts WHERE month = ? AND count >= ?
                    ORDER BY count DESC, item LIMIT ?
                    """, arguments: [month, minimumCount, max(0, limit)])
            var result: [ItemCount] = []
            while let row = try rows.next() {
                result.append(ItemCount(item: row[0], count: try Self.count(row, 1, path: path, table: "item_monthly_counts")))
            }
            return result
        }
    }
}
