// The Controller's drill handlers (issue 8): attaching the database's running drill, ticking
// its scenario clock, pause/speed from the presenter's keys, and ending it with the
// after-action report written next to the database.

#include "console/ui/drill_commands.h"

#include "data/drill/after_action.h"
#include "data/error.h"
#include "data/reports/after_action_report.h"
#include "data/roads/routing_service.h"

#include <filesystem>

namespace breathline::ui {

namespace drill = data::drill;
namespace ops = data::ops;

void Controller::attach_drill() {
    m_drill.reset();
    m_view.drill = DrillView{};
    if (!m_store) return;
    try {
        m_drill = DrillSession::attach_running(*m_store, m_drill_real_now);
    } catch (const std::exception& e) {
        m_view.error(std::string("訓練を再開できません: ") + e.what(),
                     std::string("cannot resume the drill: ") + e.what());
        return;
    }
    if (!m_drill) return;
    // Actions that fell due while no console was open fire now, in order.
    m_drill->tick();
    m_drill->fill(m_view.drill);
    show_drill_facilities();
    m_view.info("訓練 #" + std::to_string(m_drill->incident_id()) +
                    " を表示しています: " + m_view.drill.title,
                "showing drill #" + std::to_string(m_drill->incident_id()) + ": " +
                    m_view.drill.title);
}

void Controller::show_drill_facilities() {
    if (!m_drill || !m_store) return;
    for (const auto& f : drill::drill_facilities(*m_store, m_drill->incident_id()))
        if (const auto i = m_view.facility_index(f.id)) {
            auto& row = m_view.facilities[*i];
            row.status = f.status;
            row.occupancy = f.occupancy;
            row.power = f.power;
        }
}

void Controller::set_drill_real_now(drill::RealNow real_now) {
    m_drill_real_now = std::move(real_now);
    if (m_drill) {
        attach_drill();
        refresh_ops(false);
    }
}

std::optional<double> Controller::drill_wake_interval() const {
    if (!m_drill || m_view.drill.paused || m_view.drill.finished) return std::nullopt;
    // The wall shows scenario time to the minute and the board moves minute by minute, so the
    // app wakes at the next scenario minute (a redraw every 2 s at x30 rather than several a
    // second); actions due within that minute fire at its start.
    const auto now = m_view.drill.now;
    const auto next = std::chrono::floor<std::chrono::minutes>(now) + std::chrono::minutes(1);
    const double scenario_s = static_cast<double>((next - now).count());
    return std::max(0.05, scenario_s / m_view.drill.speed);
}

void Controller::tick_drill() {
    if (!m_drill) return;
    const auto minute_before = std::chrono::floor<std::chrono::minutes>(m_view.drill.now);
    std::vector<drill::FiredAction> fired;
    try {
        fired = m_drill->tick();
    } catch (const std::exception& e) {
        m_view.error(std::string("訓練イベントを実行できません: ") + e.what(),
                     std::string("a drill action failed: ") + e.what());
    }
    bool closures = false, facilities = false;
    for (const auto& f : fired) {
        closures |= f.kind == "closure_start" || f.kind == "closure_end";
        facilities |= f.kind == "facility_status";
        if (f.applied)
            m_view.info("[訓練] " + f.text_ja, "[drill] " + f.text_en);
        else
            m_view.warning("[訓練] " + f.text_ja + " — " + f.result,
                           "[drill] " + f.text_en + " — " + f.result);
    }
    if (closures && m_routing) drill::apply_drill_closures(*m_store, *m_routing);
    if (facilities) show_drill_facilities();
    m_drill->fill(m_view.drill);
    const auto minute_now = std::chrono::floor<std::chrono::minutes>(m_view.drill.now);
    // The board follows scenario time minute by minute (a minute of the drill can be a
    // second of real time), and at once when the world changed.
    if (!fired.empty() || minute_now != minute_before) refresh_ops(true);
}

template <> void Controller::on(const cmd::DrillTogglePause&) {
    if (!m_drill) return;
    m_drill->toggle_pause();
    m_drill->fill(m_view.drill);
    m_view.info(m_view.drill.paused ? "訓練の時計を一時停止しました" : "訓練の時計を再開しました",
                m_view.drill.paused ? "drill clock paused" : "drill clock resumed");
}

template <> void Controller::on(const cmd::DrillSetSpeed& c) {
    if (!m_drill) return;
    try {
        m_drill->set_speed(c.speed);
    } catch (const std::invalid_argument&) {
        m_view.error("速度は 1〜60 倍です", "the speed must be x1 to x60");
        return;
    }
    m_drill->fill(m_view.drill);
}

template <> void Controller::on(const cmd::DrillFaster&) {
    if (!m_drill) return;
    m_drill->faster();
    m_drill->fill(m_view.drill);
}

template <> void Controller::on(const cmd::DrillSlower&) {
    if (!m_drill) return;
    m_drill->slower();
    m_drill->fill(m_view.drill);
}

template <> void Controller::on(const cmd::DrillEnd&) {
    if (!m_drill) return;
    tick_drill();
    const auto id = m_drill->incident_id();
    const auto at = m_drill->now();
    try {
        drill::end_drill(*m_store, id, at);
    } catch (const data::DataError& e) {
        m_view.error(std::string("訓練を終了できません: ") + e.what(),
                     std::string("cannot end the drill: ") + e.what());
        return;
    }
    DrillView ended = m_view.drill;
    ended.running = false;
    ended.finished = true;
    const auto changed = drill::drill_facilities(*m_store, id);
    m_drill.reset();
    // The facility table goes back to the real rows the drill never touched.
    for (const auto& f : changed)
        refresh_facility(f.id);
    // The report goes beside the database: the file the HQ keeps with the drill's records.
    const auto dir = std::filesystem::path(m_view.db_path).parent_path();
    const auto pdf = dir / ("drill-" + std::to_string(id) + "-report.pdf");
    const auto csv = dir / ("drill-" + std::to_string(id) + "-report");
    try {
        const auto report =
            drill::compute_after_action(drill::load_after_action_input(*m_store, id, at));
        data::reports::AfterActionPdfOptions options;
        options.english = m_view.settings.language == Lang::en;
        data::reports::write_after_action_pdf(*m_store, report, pdf, options);
        data::reports::write_after_action_csv(*m_store, report, csv);
        ended.report_pdf = pdf.string();
        m_view.info(
            "訓練 #" + std::to_string(id) + " を終了しました。事後検証レポート: " + pdf.string(),
            "drill #" + std::to_string(id) + " ended; after-action report: " + pdf.string());
    } catch (const std::exception& e) {
        m_view.error(std::string("事後検証レポートを書けません: ") + e.what(),
                     std::string("cannot write the after-action report: ") + e.what());
    }
    m_view.drill = ended;
    refresh_ops(false);
}

} // namespace breathline::ui
