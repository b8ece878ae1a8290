// Wagtail's own date pickers too (such as "Publicatie plannen"): never replace text the
// picker cannot read by the current date; the form field reads it or explains.
if (window.jQuery && jQuery.fn.datetimepicker) {
  jQuery.fn.datetimepicker.defaults.validateOnBlur = false;
}
