/* Form behaviour for every page (generated add/edit forms and the public forms):
 * - dates typed and picked day-first (DD-MM-YYYY) with an Indonesian calendar (.app-date);
 * - rupiah amounts shown with dots once typed (.app-money);
 * - searchable choice lists (select2) with Indonesian messages;
 * - the desa/kelurahan list follows the chosen kecamatan (fields named kecamatan[_code] and desa[_code]).
 * The server parses and checks everything again: this only makes typing easier. */
(function ($) {
  "use strict";
  if (!$ || window.dnakerForms) { return; }  // loaded twice (base page and form widget): run once
  window.dnakerForms = true;

  var english = (document.documentElement.lang || "").toLowerCase().indexOf("en") === 0;
  var text = english ? {
    noResults: "No match", searching: "Searching…", removeAllItems: "Remove all items", placeholder: "— Choose —", chooseKecamatan: "Choose the kecamatan first",
    loadingMore: "Loading more…", errorLoading: "The choices could not be loaded"
  } : {
    noResults: "Tidak ditemukan", searching: "Mencari…", removeAllItems: "Hapus semua pilihan", placeholder: "— Pilih —", chooseKecamatan: "Pilih kecamatan dahulu",
    loadingMore: "Memuat lagi…", errorLoading: "Pilihan tidak dapat dimuat"
  };

  function setUpDates(root) {
    if (!$.fn.datepicker) { return; }
    $.fn.datepicker.dates.id = {
      days: ["Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"],
      daysShort: ["Min", "Sen", "Sel", "Rab", "Kam", "Jum", "Sab"],
      daysMin: ["Mg", "Sn", "Sl", "Rb", "Km", "Jm", "Sb"],
      months: ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
               "Oktober", "November", "Desember"],
      monthsShort: ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"],
      today: "Hari ini", clear: "Kosongkan", format: "dd-mm-yyyy", titleFormat: "MM yyyy", weekStart: 1
    };
    $(root).find(".app-date input").each(function () {
      var input = $(this);
      input.datepicker({
        format: "dd-mm-yyyy", language: english ? "en" : "id", weekStart: 1, autoclose: true,
        todayHighlight: true, forceParse: false  // what was typed stays as typed; the server reads it
      });
      input.closest(".app-date").find(".input-group-addon").on("click", function () { input.trigger("focus"); });
    });
  }

  function dotted(value) {
    var digits = String(value).replace(/^\s*rp\.?\s*/i, "").replace(/\./g, "").replace(/,0{1,2}$/, "");
    if (!/^\d+$/.test(digits)) { return value; }  // leave it: the server explains what is wrong
    return digits.replace(/^0+(?=\d)/, "").replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  }

  function setUpMoney(root) {
    $(root).find(".app-money input").on("blur", function () { this.value = dotted(this.value); });
  }

  function select2Options(select) {
    return {
      theme: "bootstrap", width: "100%", allowClear: !select.required,
      placeholder: $(select).attr("data-placeholder") || text.placeholder,
      language: { noResults: function () { return text.noResults; }, searching: function () { return text.searching; },
                  removeAllItems: function () { return text.removeAllItems; },
                  loadingMore: function () { return text.loadingMore; },
                  errorLoading: function () { return text.errorLoading; } }
    };
  }

  // A long relation list (select.app-remote) holds only the chosen options; the rest come from its choices
  // endpoint as the user types or scrolls, 20 at a time ({results: [{id, text}], more}).
  function setUpRemote(root) {
    if (!$.fn.select2) { return; }
    $(root).find("select.app-remote").addBack("select.app-remote").each(function () {
      var select = $(this);
      if (select.data("select2")) { return; }
      select.select2($.extend(select2Options(this), {
        ajax: {
          url: select.attr("data-choices-url"), dataType: "json", delay: 250,
          data: function (params) {
            var parent = select.data("parent");
            return $.extend({ q: params.term || "", page: params.page || 1 }, parent ? { parent: parent() } : {});
          },
          processResults: function (data) { return { results: data.results, pagination: { more: data.more } }; }
        }
      }));
    });
  }

  // Select2 4.0.13 with jQuery 3.6 opens without focusing its search box: typing right after Enter would be lost.
  $(document).on("select2:open", function () {
    var search = document.querySelector(".select2-container--open .select2-search__field");
    if (search) { search.focus(); }
  });

  // The search form adds a filter's field when the user picks the filter: set up the ones that arrive.
  function watchForRemote() {
    if (!window.MutationObserver) { return; }
    new MutationObserver(function (changes) {
      changes.forEach(function (change) {
        $(change.addedNodes).filter(function () { return this.nodeType === 1; }).each(function () {
          setUpRemote(this);
        });
      });
    }).observe(document.body, { childList: true, subtree: true });
  }

  function setUpSelects(root) {
    if (!$.fn.select2) { return; }
    // FAB starts its lists with English messages; ours search (long lists) and speak the page's language.
    $(root).find("select.my_select2, select.app-search").each(function () {
      var select = $(this);
      if (select.data("select2")) { select.select2("destroy"); }
      select.select2(select2Options(this));
    });
  }

  function field(form, names) {
    for (var i = 0; i < names.length; i++) {
      var found = form.find("select[name='" + names[i] + "']");
      if (found.length) { return found; }
    }
    return $();
  }

  // The desa list shows only the villages of the chosen kecamatan: asked from /ref/desa when signed in,
  // otherwise (public forms, data-local) taken from the options the page brought (codes extend the kecamatan's).
  function setUpDesa(root) {
    $(root).find("form").each(function () {
      var form = $(this);
      var kecamatan = field(form, ["kecamatan", "kecamatan_code"]);
      var desa = field(form, ["desa", "desa_code"]);
      if (!kecamatan.length || !desa.length) { return; }
      if (desa.hasClass("app-remote")) {
        // Loaded on demand: ask only for the kecamatan's villages, and drop a village of another kecamatan.
        desa.data("parent", function () { return kecamatan.val() || ""; });
        kecamatan.on("change", function () {
          var code = kecamatan.val() || "";
          if (desa.val() && desa.val().indexOf(code + ".") !== 0) { desa.val(null).trigger("change"); }
        });
        return;
      }
      var all = desa.find("option").map(function () { return { id: this.value, text: $(this).text() }; }).get()
        .filter(function (o) { return o.id && o.id !== "__None"; });
      var blank = desa.find("option").filter(function () { return !this.value || this.value === "__None"; }).first();
      var blankValue = blank.length ? blank.val() : "";

      function fill(rows, keep) {
        desa.empty().append($("<option>").val(blankValue).text(rows.length ? text.placeholder : text.chooseKecamatan));
        rows.forEach(function (row) { desa.append($("<option>").val(row.id).text(row.text)); });
        desa.val(rows.some(function (r) { return r.id === keep; }) ? keep : blankValue).trigger("change.select2");
      }

      function local(code) {
        return all.filter(function (o) { return code && o.id.indexOf(code + ".") === 0; });
      }

      function follow(keep) {
        var code = kecamatan.val();
        if (!code || code === "__None") { fill([], keep); return; }
        if (desa.attr("data-local") !== undefined) { fill(local(code), keep); return; }
        $.ajax({ url: (window.dnakerRoot || "") + "/ref/desa", data: { kecamatan: code }, dataType: "json" })
          .done(function (rows) { fill(rows, keep); })
          .fail(function () { fill(local(code), keep); });
      }

      kecamatan.on("change", function () { follow(desa.val()); });
      follow(desa.val());
    });
  }

  $(function () {
    setUpDates(document);
    setUpMoney(document);
    setUpSelects(document);
    setUpRemote(document);
    watchForRemote();
    setUpDesa(document);
  });
})(window.jQuery);
