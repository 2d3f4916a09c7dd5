package io.churnwatch.backtest.olist;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ComplaintTextTest {

    @Test
    void findsComplaintsWhateverTheAccentsAndCase() {
        assertThat(ComplaintText.isComplaint("NÃO RECEBI", null)).isTrue();
        assertThat(ComplaintText.isComplaint(null, "produto veio com defeito")).isTrue();
        assertThat(ComplaintText.isComplaint("", "Entrega com atraso de uma semana"))
                .isTrue();
        assertThat(ComplaintText.isComplaint("Ótimo", "Chegou antes do prazo, recomendo"))
                .isFalse();
    }

    @Test
    void tellsAWishToCancelFromAComplaint() {
        assertThat(ComplaintText.wantsToCancel(null, "quero o reembolso")).isTrue();
        assertThat(ComplaintText.wantsToCancel(null, "Vou devolver")).isTrue();
        assertThat(ComplaintText.wantsToCancel(null, "produto com defeito")).isFalse();
    }
}
