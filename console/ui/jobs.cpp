#include "console/ui/jobs.h"

#include <exception>

namespace breathline::ui {

struct JobRunner::Job {
    std::string name_ja, name_en;
    JobWork work;
    JobContext context;
    std::string step_ja, step_en;
    float fraction = -1.0f;
};

void JobContext::progress(float fraction, std::string step_ja, std::string step_en) {
    if (m_report) m_report(fraction, std::move(step_ja), std::move(step_en));
}

JobRunner::JobRunner(std::function<void()> wake) : m_wake(std::move(wake)) {
    m_worker = std::thread([this] { worker_loop(); });
}

JobRunner::~JobRunner() {
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
        m_queue.clear();
        if (m_running) m_running->context.m_cancel = true;
    }
    m_cv.notify_all();
    m_worker.join();
}

void JobRunner::submit(std::string name_ja, std::string name_en, JobWork work) {
    auto job = std::make_shared<Job>();
    job->name_ja = std::move(name_ja);
    job->name_en = std::move(name_en);
    job->work = std::move(work);
    Job* raw = job.get();
    job->context.m_report = [this, raw](float fraction, std::string ja, std::string en) {
        {
            std::lock_guard lock(m_mutex);
            raw->fraction = fraction;
            if (!ja.empty() || !en.empty()) {
                raw->step_ja = std::move(ja);
                raw->step_en = std::move(en);
            }
            m_changed = true;
        }
        if (m_wake) m_wake();
    };
    {
        std::lock_guard lock(m_mutex);
        m_queue.push_back(std::move(job));
        m_changed = true;
    }
    m_cv.notify_all();
}

void JobRunner::worker_loop() {
    for (;;) {
        std::shared_ptr<Job> job;
        {
            std::unique_lock lock(m_mutex);
            m_cv.wait(lock, [&] { return m_stop || !m_queue.empty(); });
            if (m_stop) return;
            job = m_queue.front();
            m_queue.pop_front();
            m_running = job;
        }
        Finished done{job->name_ja, job->name_en, {}, {}};
        // The console catches broadly only here, at the task boundary, and shows the message.
        try {
            done.completion = job->work(job->context);
        } catch (const std::exception& e) {
            done.error = e.what();
        } catch (...) {
            done.error = "unknown error";
        }
        {
            std::lock_guard lock(m_mutex);
            m_finished.push_back(std::move(done));
            m_changed = true;
        }
        if (m_wake) m_wake();
        // Idle only after the wake-up: wait_idle() then means every effect has been delivered.
        {
            std::lock_guard lock(m_mutex);
            m_running.reset();
        }
        m_idle_cv.notify_all();
    }
}

bool JobRunner::poll(const std::function<void(const std::string&, const std::string&,
                                              const std::string&)>& on_error) {
    std::vector<Finished> finished;
    bool changed = false;
    {
        std::lock_guard lock(m_mutex);
        finished.swap(m_finished);
        changed = m_changed;
        m_changed = false;
    }
    for (auto& f : finished) {
        if (!f.error.empty()) {
            if (on_error) on_error(f.name_ja, f.name_en, f.error);
            continue;
        }
        if (!f.completion) continue;
        try {
            f.completion();
        } catch (const std::exception& e) {
            if (on_error) on_error(f.name_ja, f.name_en, e.what());
        }
    }
    return changed || !finished.empty();
}

std::vector<JobStatus> JobRunner::status() const {
    std::lock_guard lock(m_mutex);
    std::vector<JobStatus> out;
    if (m_running)
        out.push_back({m_running->name_ja, m_running->name_en, m_running->step_ja,
                       m_running->step_en, m_running->fraction, true});
    for (const auto& j : m_queue)
        out.push_back({j->name_ja, j->name_en, {}, {}, -1.0f, false});
    return out;
}

bool JobRunner::busy() const {
    std::lock_guard lock(m_mutex);
    return m_running || !m_queue.empty() || !m_finished.empty();
}

void JobRunner::wait_idle() {
    std::unique_lock lock(m_mutex);
    m_idle_cv.wait(lock, [&] { return !m_running && m_queue.empty(); });
}

} // namespace breathline::ui
