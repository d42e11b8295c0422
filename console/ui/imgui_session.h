#pragma once
/// One GLFW window with an OpenGL 3.3 core context and a Dear ImGui context
/// bound to it through the GLFW and OpenGL3 backends, owned together so they
/// are created and torn down in the right order. The window can be hidden:
/// `breathline screenshot` and the window tests draw into a Framebuffer of
/// a hidden window (under Xvfb when there is no display).
///
/// Thread safety: GLFW requires the main thread; one session at a time per
/// process (GLFW and ImGui keep global state).

#include <string>

struct GLFWwindow;

namespace breathline::ui {

struct SessionOptions {
    std::string title = "Breathline";
    int width = 1280, height = 800; ///< window size in screen coordinates
    bool visible = true;            ///< false: hidden window, for offscreen drawing
    /// Whether GLFW installs ImGui's input callbacks (interactive windows).
    bool install_callbacks = true;
};

class ImguiSession {
public:
    /// Initialises GLFW, opens the window, makes its context current,
    /// creates the ImGui context (no .ini file: the app stores its own
    /// settings) and initialises both backends. Throws std::runtime_error
    /// with GLFW's message (e.g. no DISPLAY: run under xvfb-run) when the
    /// window or a 3.3 core context cannot be created.
    explicit ImguiSession(const SessionOptions& options);
    ~ImguiSession();
    ImguiSession(const ImguiSession&) = delete;
    ImguiSession& operator=(const ImguiSession&) = delete;

    /// The window (for input polling and glfwWaitEventsTimeout).
    GLFWwindow* window() const { return m_window; }

    /// Starts an interactive frame: the GLFW backend reads input and the
    /// window size, then ImGui::NewFrame().
    void new_frame();
    /// Starts a frame of `width` x `height` pixels without reading the
    /// window (offscreen rendering into a Framebuffer of that size).
    void new_offscreen_frame(int width, int height);
    /// ImGui::Render() and draws the result into the currently bound
    /// framebuffer (the window's or an offscreen one).
    void render();
    /// Swaps the window's buffers (interactive frames only).
    void present();
    /// Re-uploads the font atlas texture after io.Fonts was rebuilt
    /// (Fonts::build_atlas); call outside a frame.
    void reload_font_texture();

private:
    GLFWwindow* m_window = nullptr;
    bool m_glfw = false, m_imgui = false, m_glfw_backend = false, m_gl_backend = false;
    void shutdown();
};

} // namespace breathline::ui
