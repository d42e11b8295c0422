#include "console/ui/drill_session.h"

#include "data/drill/drill_store.h"

#include <algorithm>

namespace breathline::ui {

namespace drill = data::drill;
namespace ops = data::ops;

DrillSession::DrillSession(data::Store& store, data::RowId incident_id, drill::RealNow real_now)
    : m_store(store), m_engine(store, incident_id),
      m_clock(std::make_shared<drill::DrillClock>(m_engine.run().clock, std::move(real_now))) {}

std::unique_ptr<DrillSession> DrillSession::attach_running(data::Store& store,
                                                           drill::RealNow real_now) {
    const auto run = drill::drill_store(store)->running();
    if (!run) return nullptr;
    return std::make_unique<DrillSession>(store, run->incident_id, std::move(real_now));
}

ops::TimePoint DrillSession::now() const {
    return std::min(m_clock->now(), m_engine.scenario().end);
}

std::vector<drill::FiredAction> DrillSession::tick() {
    return m_engine.advance_to(now());
}

void DrillSession::save(bool audited) {
    m_engine.save_clock(m_clock->state(), audited);
}

void DrillSession::toggle_pause() {
    if (m_clock->paused())
        m_clock->resume();
    else
        m_clock->pause();
    save(true);
}

void DrillSession::set_speed(double speed) {
    m_clock->set_speed(speed);
    save(true);
}

void DrillSession::faster() {
    set_speed(m_clock->faster_step());
}

void DrillSession::slower() {
    set_speed(m_clock->slower_step());
}

void DrillSession::jump_to(ops::TimePoint t) {
    m_clock->jump_to(std::min(t, m_engine.scenario().end));
    save(true);
}

bool DrillSession::finished() const {
    return now() >= m_engine.scenario().end;
}

void DrillSession::fill(DrillView& view) const {
    view.running = true;
    view.incident_id = m_engine.incident_id();
    view.title = m_engine.scenario().title;
    view.scenario_file = m_engine.run().scenario_file;
    view.onset = m_engine.scenario().onset;
    view.end = m_engine.scenario().end;
    view.now = now();
    view.speed = m_clock->speed();
    view.paused = m_clock->paused();
    view.finished = finished();
    view.actions_total = m_engine.total();
    view.actions_fired = m_engine.fired_count();
    view.ticker.clear();
    const auto& actions = m_engine.actions();
    for (auto it = actions.rbegin(); it != actions.rend() && view.ticker.size() < 50; ++it)
        if (it->fired_at)
            view.ticker.push_back(
                {ops::parse_time(*it->fired_at).value_or(view.onset), it->text_ja, it->text_en});
}

} // namespace breathline::ui
