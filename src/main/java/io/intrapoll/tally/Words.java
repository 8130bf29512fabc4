package io.intrapoll.tally;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.WordlistLoader;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.miscellaneous.LengthFilter;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.util.ElisionFilter;
import org.apache.lucene.util.IOUtils;

/**
 * The words of an open-text answer as the word cloud counts them: Unicode word boundaries (Lucene's
 * StandardTokenizer), case-folded, the language's Snowball stop words left out (and French elisions, English
 * possessives), single letters left out, each word once per answer, in the order first written.
 */
public final class Words {

    /** Longer "words" (a pasted link, a key held down) are left out: a tally row's key holds this many. */
    static final int MAX_WORD_LENGTH = 100;

    private static final Map<String, Analyzer> ANALYZERS = Map.of(
            "en", analyzer("english_stop.txt", false, true),
            "de", analyzer("german_stop.txt", false, false),
            "fr", analyzer("french_stop.txt", true, false));

    private Words() {}

    /**
     * @param language en, de or fr (anything else: en)
     */
    public static List<String> of(String text, String language) {
        Set<String> words = new LinkedHashSet<>();
        Analyzer analyzer = ANALYZERS.getOrDefault(language, ANALYZERS.get("en"));
        try (TokenStream tokens = analyzer.tokenStream("text", text)) {
            CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
            tokens.reset();
            while (tokens.incrementToken()) {
                words.add(term.toString());
            }
            tokens.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a string's reader does not fail
        }
        return new ArrayList<>(words);
    }

    /** Whether any word of the text is one of the given (already case-folded) words. */
    public static boolean containsAny(String text, String language, Set<String> blocked) {
        return !blocked.isEmpty() && of(text, language).stream().anyMatch(blocked::contains);
    }

    private static Analyzer analyzer(String stopWordFile, boolean elisions, boolean possessives) {
        CharArraySet stopWords = snowballList(stopWordFile);
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String field) {
                Tokenizer source = new StandardTokenizer();
                TokenStream stream = new LowerCaseFilter(source);
                if (elisions) {
                    stream = new ElisionFilter(stream, FrenchAnalyzer.DEFAULT_ARTICLES);
                }
                if (possessives) {
                    stream = new EnglishPossessiveFilter(stream);
                }
                stream = new StopFilter(stream, stopWords);
                stream = new LengthFilter(stream, 2, MAX_WORD_LENGTH);
                return new TokenStreamComponents(source, stream);
            }
        };
    }

    private static CharArraySet snowballList(String file) {
        try {
            return WordlistLoader.getSnowballWordSet(
                    IOUtils.getDecodingReader(SnowballFilter.class, file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Lucene's stop word list " + file + " is missing", e);
        }
    }
}
