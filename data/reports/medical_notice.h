#pragma once
/// The paper forms of incident operations, as PDF (Toshima seed III-1-3 and 様式1):
///
/// * the notice to the ward's disaster medical HQ (豊島区災害医療対策本部, FAX 03-3987-4178)
///   asking for a hospital bed and transport: device, condition (latest safety check),
///   judgement and severity, the decided destination, and whom to call. The seed faxes it
///   "with the name blacked out" (氏名欄は黒塗); here the name and its kana are never drawn at
///   all — the 氏名 line reads ＊＊＊ and the HQ matches the registry number. Address and phone
///   are masked (town only, digits starred) unless personal data is requested; the name stays
///   out even then.
/// * the contact list (関係者及び緊急時の医療機関等の連絡リスト, 様式1) of one person or of
///   every active person: the medical HQ, the person's contacts and supporters. Personal fields
///   (the person's and supporters' names, phones, contact persons' names) are masked by the
///   export rules (export_masking.h) unless personal data is requested.
///
/// Both are written to a temporary file and published with one audit entry (export_masking's
/// policy: the entry records whether personal data was included). Throws DataError(not_found)
/// for an unknown registry number and DataError(io) for files and fonts.
/// Thread safety: one thread per store.

#include "data/model/incident.h"
#include "data/ops/destination.h"
#include "data/store/store.h"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace breathline::data::reports {

/// The ward's disaster medical HQ, as printed on the forms (Toshima seed III-1-3, III-3).
inline constexpr std::string_view k_medical_hq_name =
    "豊島区災害医療対策本部 (池袋保健所 健康推進課)";
inline constexpr std::string_view k_medical_hq_phone = "03-3987-4231";
inline constexpr std::string_view k_medical_hq_fax = "03-3987-4178";

/// What stands where the name would be.
inline constexpr std::string_view k_name_withheld = "＊＊＊ (氏名は記載しません)";

struct NoticeOptions {
    std::filesystem::path output;
    /// Full address and phone numbers; the name is never written.
    bool include_personal = false;
    /// The person's latest safety check (condition and judgement), when any.
    std::optional<SafetyCheck> latest_check;
    /// Overrides the check's judgement (e.g. `--judgement`); else the check's, else the latest
    /// destination decision's.
    std::optional<Judgement> judgement;
};

struct ReportResult {
    std::filesystem::path path;
    int pages = 0;
};

/// Writes the notice to the medical HQ for the person `external_id` (the latest destination
/// decision is read from ops::decision_store).
ReportResult write_medical_notice(Store& store, std::string_view external_id,
                                  const NoticeOptions& options);

struct ContactListOptions {
    std::filesystem::path output;
    bool include_personal = false;
    /// Registry numbers; empty = every active person, in registry order.
    std::vector<std::string> person_ids;
};

/// Writes the 様式1 contact list, one page (or more) per person.
ReportResult write_contact_list(Store& store, const ContactListOptions& options);

} // namespace breathline::data::reports
