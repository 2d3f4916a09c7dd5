package io.churnwatch.backtest.olist;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;

/**
 * Reads a complaint, or a wish to cancel, in a review's Portuguese title and comment.
 *
 * <p>Matching is on lower case with accents removed, so "não recebi", "nao recebi" and "NÃO
 * RECEBI" are the same. The lists are short on purpose: each entry is a phrase a satisfied customer
 * does not write. They are in {@code docs/olist-report.md}; extend them there and here together.
 */
public final class ComplaintText {

    /** A complaint about the order: it did not come, came late, broken, wrong or bad. */
    public static final List<String> COMPLAINTS = List.of(
            "nao recebi",
            "nao chegou",
            "nunca chegou",
            "ainda nao",
            "atras",
            "demor",
            "pessim",
            "horrivel",
            "defeito",
            "quebrad",
            "danificad",
            "errad",
            "falta",
            "faltou",
            "incomplet",
            "nao recomendo",
            "decepcion",
            "insatisf",
            "enganad",
            "golpe",
            "reclama",
            "problema",
            "ruim",
            "nao funciona");

    /** The customer wants the money back or the order undone: churn intent, not only a complaint. */
    public static final List<String> CANCELLATION = List.of(
            "cancelar",
            "cancelamento",
            "cancelei",
            "estorno",
            "reembolso",
            "devolver",
            "devolucao",
            "dinheiro de volta",
            "nunca mais compro",
            "nao compro mais");

    private ComplaintText() {}

    public static boolean isComplaint(String title, String message) {
        return containsAny(normalize(title) + " " + normalize(message), COMPLAINTS);
    }

    public static boolean wantsToCancel(String title, String message) {
        return containsAny(normalize(title) + " " + normalize(message), CANCELLATION);
    }

    static String normalize(String text) {
        if (text == null) {
            return "";
        }
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
        return decomposed.replaceAll("\\p{M}+", "").toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    }

    private static boolean containsAny(String text, List<String> phrases) {
        for (String phrase : phrases) {
            if (text.contains(phrase)) {
                return true;
            }
        }
        return false;
    }
}
