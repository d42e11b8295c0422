#pragma once
/// Long work off the frame: opening the database, building the map scene, loading a user layer.
/// A job's work runs on a worker thread and reports progress; it returns a completion that the
/// main thread applies in poll(), so the view model and the GL objects are only ever touched on
/// the main thread. One worker runs the jobs in submission order (they share nothing but what
/// their closures own). After progress or completion the runner calls the wake callback (the
/// app posts an empty GLFW event), so a main loop waiting for events redraws at once.

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace breathline::ui {

/// Passed to a job's work: report progress and check for cancellation. Thread-safe.
class JobContext {
public:
    /// fraction 0..1 (negative: unknown); `step_ja`/`step_en` say what is being done.
    void progress(float fraction, std::string step_ja = {}, std::string step_en = {});
    bool cancelled() const { return m_cancel.load(); }

private:
    friend class JobRunner;
    std::function<void(float, std::string, std::string)> m_report;
    std::atomic<bool> m_cancel{false};
};

/// What the main thread runs when a job finishes.
using Completion = std::function<void()>;
/// The work of a job: runs on the worker; returns the completion for the main thread.
/// Exceptions are caught and handed to the runner's error handler on the main thread.
using JobWork = std::function<Completion(JobContext&)>;

/// State of a running or queued job, for the status bar.
struct JobStatus {
    std::string name_ja, name_en;
    std::string step_ja, step_en;
    float fraction = -1.0f;
    bool running = false;
};

class JobRunner {
public:
    /// `wake` is called from the worker thread after progress and completion (may be empty).
    explicit JobRunner(std::function<void()> wake = {});
    /// Cancels queued jobs, asks the running one to stop, and joins the worker.
    ~JobRunner();
    JobRunner(const JobRunner&) = delete;
    JobRunner& operator=(const JobRunner&) = delete;

    /// Queues a job. Main thread.
    void submit(std::string name_ja, std::string name_en, JobWork work);
    /// Applies finished jobs' completions (or reports their errors through `on_error`) on the
    /// calling (main) thread. Returns true when anything changed since the last poll (a
    /// completion ran or progress moved), i.e. the frame should be redrawn.
    bool poll(const std::function<void(const std::string& what_ja, const std::string& what_en,
                                       const std::string& error)>& on_error);
    /// Queued and running jobs. Main thread.
    std::vector<JobStatus> status() const;
    bool busy() const;
    /// Blocks until every submitted job has finished its work (tests, shutdown). Main thread.
    void wait_idle();

private:
    struct Job;
    struct Finished {
        std::string name_ja, name_en;
        Completion completion;
        std::string error;
    };
    void worker_loop();

    std::function<void()> m_wake;
    mutable std::mutex m_mutex;
    std::condition_variable m_cv;
    std::condition_variable m_idle_cv;
    std::deque<std::shared_ptr<Job>> m_queue;
    std::shared_ptr<Job> m_running;
    std::vector<Finished> m_finished;
    bool m_changed = false;
    bool m_stop = false;
    std::thread m_worker;
};

} // namespace breathline::ui
