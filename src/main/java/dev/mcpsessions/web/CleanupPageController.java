package dev.mcpsessions.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import dev.mcpsessions.cleanup.CleanupReport;
import dev.mcpsessions.cleanup.OrphanReaper;

/** Cleanup: the page opens on a dry run (it changes nothing), and a button runs it for real. */
@Controller
class CleanupPageController {

    private final OrphanReaper reaper;

    CleanupPageController(OrphanReaper reaper) {
        this.reaper = reaper;
    }

    @GetMapping("/cleanup")
    String cleanup(Model model) {
        model.addAttribute("report", reaper.run(true));
        return "cleanup/page";
    }

    /** Answers with the report fragment, which htmx puts in place of the previous one. */
    @PostMapping("/cleanup")
    String run(@RequestParam(defaultValue = "false") boolean dryRun, Model model, HttpServletRequest request,
            HttpServletResponse response) {
        CleanupReport report = reaper.run(dryRun);
        model.addAttribute("report", report);
        if (!Outcomes.isHtmx(request)) {
            return "cleanup/page";
        }
        String message = dryRun ? "Preview: " + report.actions().size() + " action(s)"
                : report.actions().isEmpty() ? "Nothing to clean up" : "Cleaned up " + report.actions().size() + " item(s)";
        response.setHeader(Outcomes.HX_TRIGGER, Outcomes.toast(message));
        return "cleanup/page :: report";
    }
}
