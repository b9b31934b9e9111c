package io.corral.support.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;

import org.junit.jupiter.api.Test;
import org.springframework.core.convert.ConversionFailedException;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.format.support.DefaultFormattingConversionService;
import org.springframework.web.bind.support.ConfigurableWebBindingInitializer;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;

class StringsAsGivenTest {

    private static final TypeDescriptor STRING = TypeDescriptor.valueOf(String.class);

    @Test
    void aStringForAStringParameterIsHandedOnAsItCameWithoutAskingSpring() {
        ConversionService spring = mock(ConversionService.class);
        StringsAsGiven conversions = new StringsAsGiven(spring);
        String guid = "web-1 ünïcode";

        assertThat(conversions.canConvert(STRING, STRING)).isTrue();
        assertThat(conversions.convert(guid, STRING, STRING)).isSameAs(guid);
        verifyNoInteractions(spring);
    }

    @Test
    void everyOtherArgumentIsConvertedAndRefusedAsBefore() {
        StringsAsGiven conversions = new StringsAsGiven(new DefaultFormattingConversionService());
        TypeDescriptor index = TypeDescriptor.valueOf(int.class);

        assertThat(conversions.convert("7", STRING, index)).isEqualTo(7);
        assertThatThrownBy(() -> conversions.convert("seven", STRING, index))
            .isInstanceOf(ConversionFailedException.class);
        assertThat(conversions.convert(7, TypeDescriptor.valueOf(Integer.class), STRING)).isEqualTo("7");
    }

    @Test
    void installedOnceInFrontOfTheServiceTheAdapterBindsWith() {
        ConfigurableWebBindingInitializer binding = new ConfigurableWebBindingInitializer();
        binding.setConversionService(new DefaultFormattingConversionService());
        RequestMappingHandlerAdapter adapter = new RequestMappingHandlerAdapter();
        adapter.setWebBindingInitializer(binding);

        StringsAsGiven.install(adapter);
        ConversionService installed = binding.getConversionService();
        StringsAsGiven.install(adapter);

        assertThat(installed).isInstanceOf(StringsAsGiven.class);
        assertThat(binding.getConversionService()).isSameAs(installed);
    }

}
