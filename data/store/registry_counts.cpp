#include "data/store/registry_counts.h"

#include "data/store/sql_session.h"
#include "data/store/store.h"

namespace breathline::data {

std::unordered_map<RowId, int> supporter_link_counts(Store& store) {
    std::unordered_map<RowId, int> out;
    auto st =
        store.sql().prepare("SELECT person_id, count(*) FROM person_supporters GROUP BY person_id");
    while (st.step())
        out[st.column_int64(0)] = static_cast<int>(st.column_int64(1));
    return out;
}

} // namespace breathline::data
