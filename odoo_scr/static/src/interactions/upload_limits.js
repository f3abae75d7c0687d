import { Interaction } from "@web/public/interaction";
import { registry } from "@web/core/registry";
import { _t } from "@web/core/l10n/translation";

const MB = 1024 * 1024;

/**
 * A portal form with files says on the form, before anything is sent, when the files
 * exceed the partnership's upload limits (``odoo_scr.upload_file_max_mb`` and
 * ``odoo_scr.upload_request_max_mb``, written on the form's help). The server refuses
 * them too, in the same words; this spares the agency sending hundreds of MB for a
 * refusal, and past Odoo's own limit on a request the server could only answer with a
 * generic error page.
 */
export class ScrUploadLimits extends Interaction {
    static selector = "form";
    static selectorHas = ".o_scr_upload_help[data-file-mb]";
    dynamicContent = {
        _root: { "t-on-submit": this.onSubmit },
        "input[type=file]": { "t-on-change": this.showRefusal },
        ".o_scr_upload_error": {
            "t-att-class": () => ({ "d-none": !this.refusal }),
            "t-out": () => this.refusal,
        },
    };

    setup() {
        const help = this.el.querySelector(".o_scr_upload_help");
        this.fileLimit = Number(help.dataset.fileMb) * MB;
        this.requestLimit = Number(help.dataset.requestMb) * MB;
        this.refusal = "";
    }

    /** What is wrong with the files chosen, in the server's words, or "". */
    check() {
        const files = [...this.el.querySelectorAll("input[type=file]")].flatMap((input) => [
            ...input.files,
        ]);
        const tooBig = files.find((file) => file.size > this.fileLimit);
        if (tooBig) {
            return _t("%(file)s is %(size)s MB: the limit is %(limit)s MB.", {
                file: tooBig.name,
                size: (tooBig.size / MB).toFixed(1),
                limit: this.fileLimit / MB,
            });
        }
        const total = files.reduce((sum, file) => sum + file.size, 0);
        if (total > this.requestLimit) {
            return _t(
                "These files come to %(size)s MB together: the limit is %(limit)s MB at a time. Send them in several goes.",
                { size: (total / MB).toFixed(1), limit: this.requestLimit / MB }
            );
        }
        return "";
    }

    showRefusal() {
        this.refusal = this.check();
    }

    onSubmit(ev) {
        this.showRefusal();
        if (this.refusal) {
            ev.preventDefault();
        }
    }
}

registry.category("public.interactions").add("odoo_scr.upload_limits", ScrUploadLimits);
