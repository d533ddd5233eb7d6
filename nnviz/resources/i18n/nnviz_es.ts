<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES">
<context>
    <name>ActivationGallery</name>
    <message>
        <source>Softmax depends on every output&apos;s net input: plotted is one output y_k against its own net_k, the other outputs&apos; net inputs fixed at {0}; right: ∂y_k/∂net_k.</source>
        <extracomment>formula size in pixels at scale 1 text size in points at scale 1 the smallest height of a plot (px at scale 1): its axes and a readable curve; it grows with the square root of the scale, so that a 800-pixel projector at scale 2 keeps room for the texts below</extracomment>
        <translation>La softmax depende de la entrada neta de todas las salidas: se dibuja una salida y_k frente a su propia net_k, con las entradas netas de las demás fijas en {0}; a la derecha, ∂y_k/∂net_k.</translation>
    </message>
    <message>
        <source>Step through an update, or hover a neuron of the graph: its net input and output are marked on its curve, and the f′(net) its δ uses on the derivative.</source>
        <translation>Avanza paso a paso por una actualización, o pasa el ratón por una neurona del grafo: su entrada neta y su salida se marcan sobre su curva, y el f′(net) que usa su δ, sobre la derivada.</translation>
    </message>
    <message>
        <source>the neuron</source>
        <translation>la neurona</translation>
    </message>
    <message>
        <source>{0}: net = {1}, y = softmax = {2}, ∂y/∂net = y(1 − y) = {3} (not a factor of its δ: with the cross-entropy δ = d − y)</source>
        <translation>{0}: net = {1}, y = softmax = {2}, ∂y/∂net = y(1 − y) = {3} (no es un factor de su δ: con la entropía cruzada, δ = d − y)</translation>
    </message>
    <message>
        <source>{0}: net = {1}, y = f(net) = {2}, f′(net) = {3} (used in its δ)</source>
        <translation>{0}: net = {1}, y = f(net) = {2}, f′(net) = {3} (el que usa su δ)</translation>
    </message>
    <message>
        <source>{0}: net = {1}; f(net) not computed yet</source>
        <translation>{0}: net = {1}; f(net) aún sin calcular</translation>
    </message>
    <message>
        <source>The perceptron&apos;s step: f′ = 0 wherever it is defined (it jumps at net = 0). Then ∂E/∂ω = 0 for every weight: the gradient says nothing, so the step cannot be trained by gradient descent (the perceptron rule trains it instead).</source>
        <translation>El escalón del perceptrón: f′ = 0 allí donde está definida (salta en net = 0). Entonces ∂E/∂ω = 0 para todos los pesos: el gradiente no dice nada, así que el escalón no se puede entrenar por descenso del gradiente (lo entrena la regla del perceptrón).</translation>
    </message>
    <message>
        <source>Output between 0 and 1. f′ = y(1 − y) is at most 1/4 (at net = 0) and tends to 0 when |net| is large: the neuron saturates, its δ is tiny and its weights hardly learn. Each sigmoid layer multiplies δ by at most 1/4 on the way back.</source>
        <translation>Salida entre 0 y 1. f′ = y(1 − y) vale como mucho 1/4 (en net = 0) y tiende a 0 cuando |net| es grande: la neurona se satura, su δ es diminuto y sus pesos apenas aprenden. Cada capa sigmoide multiplica δ por 1/4 como mucho en el camino de vuelta.</translation>
    </message>
    <message>
        <source>Output between −1 and 1, centred on 0. f′ = 1 − y² is at most 1 (at net = 0) and tends to 0 when |net| is large: tanh saturates too, but its slope is four times the sigmoid&apos;s.</source>
        <translation>Salida entre −1 y 1, centrada en 0. f′ = 1 − y² vale como mucho 1 (en net = 0) y tiende a 0 cuando |net| es grande: la tanh también se satura, pero su pendiente es cuatro veces la de la sigmoide.</translation>
    </message>
    <message>
        <source>f′ = 1 for net &gt; 0: δ goes back undiminished, however deep the network. f′ = 0 for net ≤ 0: a neuron whose net input is negative for every sample stops learning.</source>
        <translation>f′ = 1 para net &gt; 0: δ vuelve sin menguar, por profunda que sea la red. f′ = 0 para net ≤ 0: una neurona cuya entrada neta es negativa para todas las muestras deja de aprender.</translation>
    </message>
    <message>
        <source>f′ = 1: the output of a regression, which may take any value. Identity layers stack into a single linear map: hidden layers need a non-linear f.</source>
        <translation>f′ = 1: la salida de una regresión, que puede tomar cualquier valor. Varias capas identidad equivalen a una sola aplicación lineal: las capas ocultas necesitan una f no lineal.</translation>
    </message>
    <message>
        <source>Turns the output layer&apos;s net inputs into probabilities that add up to 1 (a classification). Each y_k depends on every net input; with the cross-entropy error the output δ_k is y_k − d_k.</source>
        <translation>Convierte las entradas netas de la capa de salida en probabilidades que suman 1 (una clasificación). Cada y_k depende de todas las entradas netas; con el error de entropía cruzada, el δ_k de salida es y_k − d_k.</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Escalón</translation>
    </message>
    <message>
        <source>Sigmoid</source>
        <translation>Sigmoide</translation>
    </message>
    <message>
        <source>Tanh</source>
        <translation>Tanh</translation>
    </message>
    <message>
        <source>ReLU</source>
        <translation>ReLU</translation>
    </message>
    <message>
        <source>Identity</source>
        <translation>Identidad</translation>
    </message>
    <message>
        <source>Softmax</source>
        <translation>Softmax</translation>
    </message>
    <message>
        <source>The activation f(net): a neuron&apos;s output y for its net input net = Σ ω x + b; the dashed line and the dot mark the neuron being stepped or hovered</source>
        <translation>La activación f(net): la salida y de una neurona para su entrada neta net = Σ ω x + b; la línea discontinua y el punto marcan la neurona del paso actual o bajo el ratón</translation>
    </message>
    <message>
        <source>The derivative f′(net): the factor the neuron&apos;s δ takes from its activation; the dot is the neuron&apos;s f′(net)</source>
        <translation>La derivada f′(net): el factor que el δ de la neurona toma de su activación; el punto es el f′(net) de la neurona</translation>
    </message>
    <message>
        <source>The marked neuron&apos;s numbers, from the stepper or a forward pass</source>
        <translation>Los números de la neurona marcada, del paso a paso o de una propagación hacia delante</translation>
    </message>
</context>
<context>
    <name>Autosave</name>
    <message>
        <source>The file is damaged ({0}).</source>
        <extracomment>a big network saved while training: at most this share of the GUI thread the session to save (the window&apos;s); None from it: nothing to save now why the file found at start could not be read, and where it was kept (None: not renamed), set by :meth:`recoverable` the background writer: the session waiting to be written, and whether it runs seconds the last background write took (a big network&apos;s file is written less often)</extracomment>
        <translation>El fichero está dañado ({0}).</translation>
    </message>
</context>
<context>
    <name>BestLastToggle</name>
    <message>
        <source>Show the last epoch&apos;s weights ({0}) instead of the best ({1})</source>
        <extracomment>the weights and biases to show now</extracomment>
        <translation>Mostrar los pesos de la última época ({0}) en lugar de los de la mejor ({1})</translation>
    </message>
    <message>
        <source>Early stopping put the weights of the best epoch back. Tick to see what the network had memorised by the last epoch; untick to go back to the best weights.</source>
        <translation>La parada temprana ha repuesto los pesos de la mejor época. Márcalo para ver lo que la red había memorizado en la última época; desmárcalo para volver a los mejores pesos.</translation>
    </message>
</context>
<context>
    <name>CompareDialog</name>
    <message>
        <source>Training %1 runs…</source>
        <extracomment>values offered for each setting when the dialog opens runs trained at once (the compiled engine and torch release the GIL) milliseconds between two batches of new epochs taken into the plots milliseconds between two redraws of the small multiples while the runs train a run ended (its index) the sweep ended; a sentence when it failed, else &quot;&quot; the data the sweep trains on (its pictures use it, whatever the panel shows later) the plots&apos; number of each run (its handle there) (run index, kept epoch) and (layers, activations, hash of the weights) -&gt; picture, drawn once the data&apos;s points, drawn once for every picture runs trained at once on the compiled engine (the benchmark sets 1 to compare)</extracomment>
        <translation>Entrenando %1 ejecuciones…</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>Detenido.</translation>
    </message>
    <message>
        <source>Done: %1 runs, now in the plots and in Runs….</source>
        <translation>Hecho: %1 ejecuciones, ya en las gráficas y en Entrenamientos….</translation>
    </message>
    <message>
        <source>epoch %1</source>
        <translation>época %1</translation>
    </message>
    <message>
        <source>No picture for a regression: compare its loss curves.</source>
        <translation>Una regresión no tiene dibujo: compara sus curvas de pérdida.</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>Comparar</translation>
    </message>
    <message>
        <source>setting</source>
        <translation>ajuste</translation>
    </message>
    <message>
        <source>values (commas)</source>
        <translation>valores (separados por comas)</translation>
    </message>
    <message>
        <source>runs per value (seeds)</source>
        <translation>ejecuciones por valor (semillas)</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Detener</translation>
    </message>
    <message>
        <source>batch size (0 = full set)</source>
        <translation>tamaño de lote (0 = conjunto completo)</translation>
    </message>
    <message>
        <source>hidden neurons</source>
        <translation>neuronas ocultas</translation>
    </message>
    <message>
        <source>hidden layers</source>
        <translation>capas ocultas</translation>
    </message>
    <message>
        <source>learning rate η</source>
        <translation>tasa de aprendizaje η</translation>
    </message>
    <message>
        <source>optimizer</source>
        <translation>optimizador</translation>
    </message>
    <message>
        <source>L2 λ</source>
        <translation>L2 λ</translation>
    </message>
    <message>
        <source>L1 λ</source>
        <translation>L1 λ</translation>
    </message>
    <message>
        <source>dropout p</source>
        <translation>dropout p</translation>
    </message>
    <message>
        <source>early stopping</source>
        <translation>parada temprana</translation>
    </message>
</context>
<context>
    <name>ConfusionMatrixView</name>
    <message>
        <source>Confusion matrix ({0}): {1}% right</source>
        <extracomment>the classes&apos; names (an imported table&apos;s labels); None: their numbers</extracomment>
        <translation>Matriz de confusión ({0}): {1}% de aciertos</translation>
    </message>
    <message>
        <source>predicted class</source>
        <translation>clase predicha</translation>
    </message>
    <message>
        <source>true class</source>
        <translation>clase real</translation>
    </message>
    <message>
        <source>No predictions yet.</source>
        <translation>Aún no hay predicciones.</translation>
    </message>
</context>
<context>
    <name>CoreText</name>
    <message>
        <source>Compiled engine: a small network on the CPU.</source>
        <extracomment>every fixed core sentence the GUI shows (tests check this is complete)</extracomment>
        <translation>Motor compilado: una red pequeña en la CPU.</translation>
    </message>
    <message>
        <source>Compiled engine, as chosen in the settings.</source>
        <translation>Motor compilado, como se eligió en los ajustes.</translation>
    </message>
    <message>
        <source>PyTorch, as chosen in the settings.</source>
        <translation>PyTorch, como se eligió en los ajustes.</translation>
    </message>
    <message>
        <source>NumPy engine, as chosen in the settings.</source>
        <translation>Motor NumPy, como se eligió en los ajustes.</translation>
    </message>
    <message>
        <source>PyTorch: the compiled engine needs numba, which is not available.</source>
        <translation>PyTorch: el motor compilado necesita numba, que no está disponible.</translation>
    </message>
    <message>
        <source>NumPy engine: the compiled engine needs numba, which is not available.</source>
        <translation>Motor NumPy: el motor compilado necesita numba, que no está disponible.</translation>
    </message>
    <message>
        <source>PyTorch: dropout needs the PyTorch engine.</source>
        <translation>PyTorch: el dropout necesita el motor de PyTorch.</translation>
    </message>
    <message>
        <source>NumPy engine: the compiled engine cannot train with dropout.</source>
        <translation>Motor NumPy: el motor compilado no puede entrenar con dropout.</translation>
    </message>
    <message>
        <source>PyTorch: the compiled engine runs only on the CPU, and a GPU was chosen.</source>
        <translation>PyTorch: el motor compilado solo funciona en la CPU y se eligió una GPU.</translation>
    </message>
    <message>
        <source>PyTorch: faster than the compiled engine for a network this big at this batch size.</source>
        <translation>PyTorch: más rápido que el motor compilado para una red así de grande con este tamaño de lote.</translation>
    </message>
    <message>
        <source>PyTorch: the compiled engine cannot train this activation.</source>
        <translation>PyTorch: el motor compilado no puede entrenar esta activación.</translation>
    </message>
    <message>
        <source>PyTorch, while the compiled engine is being prepared (once, a few seconds).</source>
        <translation>PyTorch, mientras se prepara el motor compilado (una sola vez, unos segundos).</translation>
    </message>
    <message>
        <source>NumPy engine, while the compiled engine is being prepared (once, a few seconds).</source>
        <translation>Motor NumPy, mientras se prepara el motor compilado (una sola vez, unos segundos).</translation>
    </message>
    <message>
        <source>identity</source>
        <extracomment>activation names as the window shows them</extracomment>
        <translation>identidad</translation>
    </message>
    <message>
        <source>step</source>
        <translation>escalón</translation>
    </message>
    <message>
        <source>sign</source>
        <translation>signo</translation>
    </message>
    <message>
        <source>sigmoid</source>
        <translation>sigmoide</translation>
    </message>
    <message>
        <source>tanh</source>
        <translation>tanh</translation>
    </message>
    <message>
        <source>relu</source>
        <translation>ReLU</translation>
    </message>
    <message>
        <source>softmax</source>
        <translation>softmax</translation>
    </message>
    <message>
        <source>&apos;{0}&apos; has a header row but no data rows.</source>
        <translation>&apos;{0}&apos; tiene fila de encabezado, pero ninguna fila de datos.</translation>
    </message>
    <message>
        <source>&apos;{0}&apos; has changed since it was imported: column {1} is now &apos;{2}&apos;, not &apos;{3}&apos;.</source>
        <translation>&apos;{0}&apos; ha cambiado desde que se importó: la columna {1} ahora es &apos;{2}&apos;, no &apos;{3}&apos;.</translation>
    </message>
    <message>
        <source>&apos;{0}&apos; has changed since it was imported: it has no column {1} (&apos;{2}&apos;) any more.</source>
        <translation>&apos;{0}&apos; ha cambiado desde que se importó: ya no tiene la columna {1} (&apos;{2}&apos;).</translation>
    </message>
    <message>
        <source>&apos;{0}&apos; has too few rows: none is left for training once the validation part is held out.</source>
        <translation>&apos;{0}&apos; tiene muy pocas filas: no queda ninguna para entrenar tras apartar la parte de validación.</translation>
    </message>
    <message>
        <source>&apos;{0}&apos; is a damaged gzip file.</source>
        <translation>&apos;{0}&apos; es un fichero gzip dañado.</translation>
    </message>
    <message>
        <source>&apos;{0}&apos; is cut short.</source>
        <translation>&apos;{0}&apos; está incompleto: se corta antes de tiempo.</translation>
    </message>
    <message>
        <source>&apos;{0}&apos; is empty.</source>
        <translation>&apos;{0}&apos; está vacío.</translation>
    </message>
    <message>
        <source>&apos;{0}&apos; is not a text file.</source>
        <translation>&apos;{0}&apos; no es un fichero de texto.</translation>
    </message>
    <message>
        <source>&apos;{0}&apos; is not a text file: it holds binary data (byte {1} at offset {2}); a spreadsheet must be saved as CSV first.</source>
        <translation>&apos;{0}&apos; no es un fichero de texto: contiene datos binarios (el byte {1} en la posición {2}); una hoja de cálculo hay que guardarla antes como CSV.</translation>
    </message>
    <message>
        <source>&apos;{0}&apos; is not an IDX file.</source>
        <translation>&apos;{0}&apos; no es un fichero IDX.</translation>
    </message>
    <message>
        <source>&apos;{0}&apos; is too big: more than {1} numbers (rows × features); choose fewer feature columns or fewer rows.</source>
        <translation>&apos;{0}&apos; es demasiado grande: más de {1} números (filas × variables); elige menos columnas de variables o menos filas.</translation>
    </message>
    <message>
        <source>&apos;{0}&apos; should hold {1} values of {2} bytes after its header, but has {3} bytes.</source>
        <translation>&apos;{0}&apos; debería contener {1} valores de {2} bytes tras su cabecera, pero tiene {3} bytes.</translation>
    </message>
    <message>
        <source>&apos;{0}&apos;, row {1} cannot be split into fields: {2}.</source>
        <translation>&apos;{0}&apos;: la fila {1} no se puede dividir en campos: {2}.</translation>
    </message>
    <message>
        <source>&apos;{0}&apos;, row {1} has {2} fields where the first row has {3}: column &apos;{4}&apos; is missing.</source>
        <translation>&apos;{0}&apos;: la fila {1} tiene {2} campos y la primera fila tiene {3}: falta la columna &apos;{4}&apos;.</translation>
    </message>
    <message>
        <source>&apos;{0}&apos;, row {1} has {2} fields where the first row has {3}: there is an extra field after column &apos;{4}&apos;.</source>
        <translation>&apos;{0}&apos;: la fila {1} tiene {2} campos y la primera fila tiene {3}: sobra un campo después de la columna &apos;{4}&apos;.</translation>
    </message>
    <message>
        <source>&apos;{0}&apos;, row {1}, column &apos;{2}&apos;: &apos;{3}&apos; is not a finite number.</source>
        <translation>&apos;{0}&apos;, fila {1}, columna &apos;{2}&apos;: &apos;{3}&apos; no es un número finito.</translation>
    </message>
    <message>
        <source>&apos;{0}&apos;, row {1}, column &apos;{2}&apos;: &apos;{3}&apos; is not a number.</source>
        <translation>&apos;{0}&apos;, fila {1}, columna &apos;{2}&apos;: &apos;{3}&apos; no es un número.</translation>
    </message>
    <message>
        <source>&apos;{0}&apos;, row {1}, column &apos;{2}&apos;: a value is missing; every feature needs a number.</source>
        <translation>&apos;{0}&apos;, fila {1}, columna &apos;{2}&apos;: falta un valor; cada variable necesita un número.</translation>
    </message>
    <message>
        <source>&apos;{0}&apos;, row {1}, column &apos;{2}&apos;: the label is missing; every row needs one.</source>
        <translation>&apos;{0}&apos;, fila {1}, columna &apos;{2}&apos;: falta la etiqueta; cada fila necesita una.</translation>
    </message>
    <message>
        <source>&apos;{0}&apos;, row {1}: the file is not {2} text there; save it as UTF-8.</source>
        <translation>&apos;{0}&apos;, fila {1}: ahí el fichero no es texto {2}; guárdalo como UTF-8.</translation>
    </message>
    <message>
        <source>A drawn point&apos;s class must be from 0 to {0}, not {1}.</source>
        <translation>La clase de un punto dibujado debe ser de 0 a {0}, no {1}.</translation>
    </message>
    <message>
        <source>A network file must hold one JSON object.</source>
        <translation>Un fichero de red debe contener un único objeto JSON.</translation>
    </message>
    <message>
        <source>A regression predicts one number per sample, so the output layer needs one neuron, not {0}.</source>
        <translation>Una regresión predice un número por muestra, así que la capa de salida necesita una neurona, no {0}.</translation>
    </message>
    <message>
        <source>A regression predicts {1} numbers per sample here, so the output layer needs {1} neurons, not {0}.</source>
        <translation>Aquí la regresión predice {1} números por muestra, así que la capa de salida necesita {1} neuronas, no {0}.</translation>
    </message>
    <message>
        <source>A regression (predicting a number) needs the identity output, not &apos;{0}&apos;.</source>
        <translation>Una regresión (predecir un número) necesita la salida identidad, no &apos;{0}&apos;.</translation>
    </message>
    <message>
        <source> × {0} layers</source>
        <translation> × {0} capas</translation>
    </message>
    <message>
        <source>&apos;{0}&apos; cannot be opened: {1}</source>
        <translation>No se puede abrir &apos;{0}&apos;: {1}</translation>
    </message>
    <message>
        <source>&apos;{0}&apos; does not start with the columns {1}.</source>
        <translation>&apos;{0}&apos; no empieza por las columnas {1}.</translation>
    </message>
    <message>
        <source>&apos;{0}&apos; holds &apos;{1}&apos;, which an nnviz session does not have.</source>
        <translation>&apos;{0}&apos; contiene &apos;{1}&apos;, que una sesión de nnviz no tiene.</translation>
    </message>
    <message>
        <source>&apos;{0}&apos; holds Python objects, not only tensors (a whole pickled model, or code): nnviz never runs code from a file, so save the weights with torch.save(model.state_dict(), path).</source>
        <translation>&apos;{0}&apos; contiene objetos de Python, no solo tensores (un modelo entero guardado con pickle, o código): nnviz nunca ejecuta código de un fichero, así que guarda los pesos con torch.save(model.state_dict(), path).</translation>
    </message>
    <message>
        <source>&apos;{0}&apos; holds a {1}, not a state_dict: save the weights with torch.save(model.state_dict(), path).</source>
        <translation>&apos;{0}&apos; contiene un {1}, no un state_dict: guarda los pesos con torch.save(model.state_dict(), path).</translation>
    </message>
    <message>
        <source>&apos;{0}&apos; holds no tensors.</source>
        <translation>&apos;{0}&apos; no contiene ningún tensor.</translation>
    </message>
    <message>
        <source>&apos;{0}&apos; holds {1!r}, which is not a tensor: nnviz reads a state_dict (torch.save(model.state_dict(), path)).</source>
        <translation>&apos;{0}&apos; contiene {1!r}, que no es un tensor: nnviz lee un state_dict (torch.save(model.state_dict(), path)).</translation>
    </message>
    <message>
        <source>&apos;{0}&apos; holds {1} files; a session holds at most {2}.</source>
        <translation>&apos;{0}&apos; contiene {1} ficheros; una sesión contiene como mucho {2}.</translation>
    </message>
    <message>
        <source>&apos;{0}&apos; holds {1} numbers; nnviz handles networks of at most {2} weights and biases.</source>
        <translation>&apos;{0}&apos; contiene {1} números; nnviz admite redes de como mucho {2} pesos y sesgos.</translation>
    </message>
    <message>
        <source>&apos;{0}&apos; is damaged and cannot be read ({1}).</source>
        <translation>&apos;{0}&apos; está dañado y no se puede leer ({1}).</translation>
    </message>
    <message>
        <source>&apos;{0}&apos; is damaged: a run&apos;s figures are not text.</source>
        <translation>&apos;{0}&apos; está dañado: los valores de un entrenamiento no son texto.</translation>
    </message>
    <message>
        <source>&apos;{0}&apos; is damaged: it names one member twice.</source>
        <translation>&apos;{0}&apos; está dañado: repite el nombre de uno de sus elementos.</translation>
    </message>
    <message>
        <source>&apos;{0}&apos; is damaged: its manifest is not JSON.</source>
        <translation>&apos;{0}&apos; está dañado: su manifiesto no es JSON.</translation>
    </message>
    <message>
        <source>&apos;{0}&apos; is damaged: its manifest is not a JSON object.</source>
        <translation>&apos;{0}&apos; está dañado: su manifiesto no es un objeto JSON.</translation>
    </message>
    <message>
        <source>&apos;{0}&apos; is damaged: its part &apos;{1}&apos; holds more than it says.</source>
        <translation>&apos;{0}&apos; está dañado: su parte &apos;{1}&apos; contiene más de lo que indica.</translation>
    </message>
    <message>
        <source>&apos;{0}&apos; is damaged: its tensors cannot be read.</source>
        <translation>&apos;{0}&apos; está dañado: sus tensores no se pueden leer.</translation>
    </message>
    <message>
        <source>&apos;{0}&apos; is larger than {1} MB, the most nnviz reads.</source>
        <translation>&apos;{0}&apos; ocupa más de {1} MB, lo máximo que lee nnviz.</translation>
    </message>
    <message>
        <source>&apos;{0}&apos; is not a PyTorch weights file: nnviz reads .pt, .pth and .safetensors files.</source>
        <translation>&apos;{0}&apos; no es un fichero de pesos de PyTorch: nnviz lee ficheros .pt, .pth y .safetensors.</translation>
    </message>
    <message>
        <source>&apos;{0}&apos; is not a file.</source>
        <translation>&apos;{0}&apos; no es un fichero.</translation>
    </message>
    <message>
        <source>&apos;{0}&apos; is not a readable PyTorch file (damaged, cut short or another format).</source>
        <translation>&apos;{0}&apos; no es un fichero de PyTorch legible (está dañado, incompleto o en otro formato).</translation>
    </message>
    <message>
        <source>&apos;{0}&apos; is not a readable safetensors file (damaged, cut short or another format).</source>
        <translation>&apos;{0}&apos; no es un fichero safetensors legible (está dañado, incompleto o en otro formato).</translation>
    </message>
    <message>
        <source>&apos;{0}&apos; is not a value of &apos;{1}&apos;: {2}.</source>
        <translation>&apos;{0}&apos; no es un valor de &apos;{1}&apos;: {2}.</translation>
    </message>
    <message>
        <source>&apos;{0}&apos; is not a whole nnviz session: &apos;{1}&apos; is missing.</source>
        <translation>&apos;{0}&apos; no es una sesión de nnviz completa: falta &apos;{1}&apos;.</translation>
    </message>
    <message>
        <source>&apos;{0}&apos; is not an nnviz session: it is not a zip archive, or it is damaged.</source>
        <translation>&apos;{0}&apos; no es una sesión de nnviz: no es un fichero zip o está dañado.</translation>
    </message>
    <message>
        <source>&apos;{0}&apos; is {1} MB; a session file may be at most {2} MB.</source>
        <translation>&apos;{0}&apos; ocupa {1} MB; un fichero de sesión puede ocupar como mucho {2} MB.</translation>
    </message>
    <message>
        <source>&apos;{0}&apos; is {1} MB; nnviz reads files of at most {2} MB.</source>
        <translation>&apos;{0}&apos; ocupa {1} MB; nnviz lee ficheros de como mucho {2} MB.</translation>
    </message>
    <message>
        <source>&apos;{0}&apos; names a tensor {1!r}; a state_dict names its tensors with text.</source>
        <translation>&apos;{0}&apos; tiene un tensor con el nombre {1!r}; un state_dict nombra sus tensores con texto.</translation>
    </message>
    <message>
        <source>&apos;{0}&apos; needs more memory than this computer has free.</source>
        <translation>&apos;{0}&apos; necesita más memoria de la que este equipo tiene libre.</translation>
    </message>
    <message>
        <source>&apos;{0}&apos; would unpack to {1} MB; nnviz reads weights of at most {2} MB.</source>
        <translation>&apos;{0}&apos; ocuparía {1} MB al descomprimirlo; nnviz lee pesos de como mucho {2} MB.</translation>
    </message>
    <message>
        <source>&apos;{0}&apos;, line {1}: a figure is not a number.</source>
        <translation>&apos;{0}&apos;, línea {1}: un valor no es un número.</translation>
    </message>
    <message>
        <source>&apos;{0}&apos;, line {1}: {2} figures were expected.</source>
        <translation>&apos;{0}&apos;, línea {1}: se esperaban {2} valores.</translation>
    </message>
    <message>
        <source>&apos;{0}&apos;: its part &apos;{1}&apos; would take {2} MB; at most {3} MB are read.</source>
        <translation>&apos;{0}&apos;: su parte &apos;{1}&apos; ocuparía {2} MB; se leen como mucho {3} MB.</translation>
    </message>
    <message>
        <source>--activations takes names separated by commas, one per Linear layer (for example relu,sigmoid).</source>
        <translation>--activations recibe nombres separados por comas, uno por cada capa Linear (por ejemplo relu,sigmoid).</translation>
    </message>
    <message>
        <source>A network needs at least one Linear layer.</source>
        <translation>Una red necesita al menos una capa Linear.</translation>
    </message>
    <message>
        <source>A softmax output layer needs at least two neurons.</source>
        <translation>Una capa de salida softmax necesita al menos dos neuronas.</translation>
    </message>
    <message>
        <source>A softmax output&apos;s values add up to 1 across the classes; a regression needs the identity output to predict any number.</source>
        <translation>Los valores de una salida softmax suman 1 entre todas las clases; una regresión necesita la salida identidad para predecir cualquier número.</translation>
    </message>
    <message>
        <source>A sweep runs 1 to {0} seeds, not {1}.</source>
        <translation>Una comparación usa de 1 a {0} semillas, no {1}.</translation>
    </message>
    <message>
        <source>A sweep runs at most {0} values, not {1}.</source>
        <translation>Una comparación usa como mucho {0} valores, no {1}.</translation>
    </message>
    <message>
        <source>A table cannot use the comma both between fields and as its decimal mark.</source>
        <translation>Una tabla no puede usar la coma a la vez entre campos y como separador decimal.</translation>
    </message>
    <message>
        <source>A truth table has 2 or 3 inputs, not {0!r}.</source>
        <translation>Una tabla de verdad tiene 2 o 3 entradas, no {0!r}.</translation>
    </message>
    <message>
        <source>Backpropagation cannot use the {0} activation of the layer {1}: it is not differentiable, so it has no derivative f&apos; for the deltas (use identity, sigmoid, tanh or relu; the step function is for the perceptron rule).</source>
        <translation>La retropropagación no puede usar la función de activación {0} de la capa {1}: no es derivable, así que no tiene la derivada f&apos; que necesitan las deltas (usa identidad, sigmoide, tanh o relu; la función escalón es para la regla del perceptrón).</translation>
    </message>
    <message>
        <source>Backpropagation cannot use the {0} activation of the layer {1}: its derivative is not one number per neuron, which the slides&apos; deltas need (use identity, sigmoid, tanh or relu; the step function is for the perceptron rule).</source>
        <translation>La retropropagación no puede usar la función de activación {0} de la capa {1}: su derivada no es un número por neurona, que es lo que necesitan las deltas de las diapositivas (usa identidad, sigmoide, tanh o relu; la función escalón es para la regla del perceptrón).</translation>
    </message>
    <message>
        <source>Backpropagation cannot use the {0} activation of the output layer: it is not differentiable, so it has no derivative f&apos; for the deltas (use identity, sigmoid, tanh or relu; the step function is for the perceptron rule).</source>
        <translation>La retropropagación no puede usar la función de activación {0} de la capa de salida: no es derivable, así que no tiene la derivada f&apos; que necesitan las deltas (usa identidad, sigmoide, tanh o relu; la función escalón es para la regla del perceptrón).</translation>
    </message>
    <message>
        <source>Backpropagation cannot use the {0} activation of the output layer: its derivative is not one number per neuron, which the slides&apos; deltas need (use identity, sigmoid, tanh or relu; the step function is for the perceptron rule).</source>
        <translation>La retropropagación no puede usar la función de activación {0} de la capa de salida: su derivada no es un número por neurona, que es lo que necesitan las deltas de las diapositivas (usa identidad, sigmoide, tanh o relu; la función escalón es para la regla del perceptrón).</translation>
    </message>
    <message>
        <source>CSV setting &apos;header&apos; must be true or false, not {0!r}.</source>
        <translation>El ajuste CSV &apos;header&apos; debe ser true o false, no {0!r}.</translation>
    </message>
    <message>
        <source>CSV setting &apos;{0}&apos; must be one of {1}, not {2!r}.</source>
        <translation>El ajuste CSV &apos;{0}&apos; debe ser uno de {1}, no {2!r}.</translation>
    </message>
    <message>
        <source>Cannot create the folder &apos;{0}&apos;: {1}.</source>
        <translation>No se puede crear la carpeta &apos;{0}&apos;: {1}.</translation>
    </message>
    <message>
        <source>Cannot open &apos;{0}&apos;: it is a folder, not a file.</source>
        <translation>No se puede abrir &apos;{0}&apos;: es una carpeta, no un fichero.</translation>
    </message>
    <message>
        <source>Cannot open &apos;{0}&apos;: it is not a regular file.</source>
        <translation>No se puede abrir &apos;{0}&apos;: no es un fichero normal.</translation>
    </message>
    <message>
        <source>Cannot open &apos;{0}&apos;: no such file.</source>
        <translation>No se puede abrir &apos;{0}&apos;: el fichero no existe.</translation>
    </message>
    <message>
        <source>Cannot read &apos;{0}&apos;: {1}.</source>
        <translation>No se puede leer &apos;{0}&apos;: {1}.</translation>
    </message>
    <message>
        <source>Cannot save &apos;{0}&apos;: {1}.</source>
        <translation>No se puede guardar &apos;{0}&apos;: {1}.</translation>
    </message>
    <message>
        <source>Cannot save the points to &apos;{0}&apos;: {1}.</source>
        <translation>No se pueden guardar los puntos en &apos;{0}&apos;: {1}.</translation>
    </message>
    <message>
        <source>Cannot write &apos;{0}&apos;: {1}.</source>
        <translation>No se puede escribir &apos;{0}&apos;: {1}.</translation>
    </message>
    <message>
        <source>Choose at least one feature column: the network&apos;s inputs.</source>
        <translation>Elige al menos una columna de variables: las entradas de la red.</translation>
    </message>
    <message>
        <source>Class labels need a sigmoid or softmax output; identity is for regression.</source>
        <translation>Las etiquetas de clase necesitan una salida sigmoide o softmax; la identidad es para la regresión.</translation>
    </message>
    <message>
        <source>Column &apos;{0}&apos; cannot be both the label and a feature.</source>
        <translation>La columna &apos;{0}&apos; no puede ser a la vez la etiqueta y una variable.</translation>
    </message>
    <message>
        <source>Column &apos;{0}&apos; is chosen twice as a feature.</source>
        <translation>La columna &apos;{0}&apos; está elegida dos veces como variable.</translation>
    </message>
    <message>
        <source>Could not download {0} ({1}): put the four files {2} in &apos;{3}&apos; (gzipped or not), or open a folder that holds them with File → Open data folder….</source>
        <translation>No se ha podido descargar {0} ({1}): pon los cuatro ficheros {2} en &apos;{3}&apos; (comprimidos con gzip o no), o abre una carpeta que los contenga con Fichero → Abrir carpeta de datos….</translation>
    </message>
    <message>
        <source>Could not read {0}: {1}</source>
        <translation>No se ha podido leer {0}: {1}</translation>
    </message>
    <message>
        <source>Could not write {0}: {1}</source>
        <translation>No se ha podido escribir {0}: {1}</translation>
    </message>
    <message>
        <source>Cross-entropy measures classes, but these labels are numbers to predict (a regression); use the MSE loss.</source>
        <translation>La entropía cruzada mide clases, pero estas etiquetas son números que predecir (una regresión); usa la pérdida MSE.</translation>
    </message>
    <message>
        <source>Cross-entropy needs a softmax or sigmoid output layer, not &apos;{0}&apos;; use the MSE loss or change the output activation.</source>
        <translation>La entropía cruzada necesita una capa de salida softmax o sigmoide, no &apos;{0}&apos;; usa la pérdida MSE o cambia la función de activación de salida.</translation>
    </message>
    <message>
        <source>Data set &apos;circles&apos;: &apos;factor&apos; must be between 0 and 1, not {0!r}.</source>
        <translation>Conjunto de datos &apos;circles&apos;: &apos;factor&apos; debe estar entre 0 y 1, no {0!r}.</translation>
    </message>
    <message>
        <source>Data set &apos;gaussian&apos;: &apos;classes&apos; must be a whole number from 2 to 10, not {0!r}.</source>
        <translation>Conjunto de datos &apos;gaussian&apos;: &apos;classes&apos; debe ser un número entero de 2 a 10, no {0!r}.</translation>
    </message>
    <message>
        <source>Data set &apos;spiral&apos;: &apos;classes&apos; must be a whole number from 2 to 10, not {0!r}.</source>
        <translation>Conjunto de datos &apos;spiral&apos;: &apos;classes&apos; debe ser un número entero de 2 a 10, no {0!r}.</translation>
    </message>
    <message>
        <source>Data set &apos;spiral&apos;: &apos;turns&apos; must be a number in (0, 5], not {0!r}.</source>
        <translation>Conjunto de datos &apos;spiral&apos;: &apos;turns&apos; debe ser un número en (0, 5], no {0!r}.</translation>
    </message>
    <message>
        <source>Data set &apos;{0}&apos; does not take those settings ({1}).</source>
        <translation>El conjunto de datos &apos;{0}&apos; no admite esos ajustes ({1}).</translation>
    </message>
    <message>
        <source>Data set &apos;{0}&apos;: &apos;n&apos; must be a whole number from {1} to 1000000, not {2!r}.</source>
        <translation>Conjunto de datos &apos;{0}&apos;: &apos;n&apos; debe ser un número entero de {1} a 1000000, no {2!r}.</translation>
    </message>
    <message>
        <source>Data set &apos;{0}&apos;: &apos;noise&apos; is not supported.</source>
        <translation>Conjunto de datos &apos;{0}&apos;: &apos;noise&apos; no está disponible.</translation>
    </message>
    <message>
        <source>Data set &apos;{0}&apos;: &apos;noise&apos; must be a number from 0 to 10, not {1!r}.</source>
        <translation>Conjunto de datos &apos;{0}&apos;: &apos;noise&apos; debe ser un número de 0 a 10, no {1!r}.</translation>
    </message>
    <message>
        <source>Data set &apos;{0}&apos;: &apos;part&apos; must be train or test, not {1!r}.</source>
        <translation>Conjunto de datos &apos;{0}&apos;: &apos;part&apos; debe ser train o test, no {1!r}.</translation>
    </message>
    <message>
        <source>Data set &apos;{0}&apos;: &apos;seed&apos; must be a whole number of at least 0, not {1!r}.</source>
        <translation>Conjunto de datos &apos;{0}&apos;: &apos;seed&apos; debe ser un número entero mayor o igual que 0, no {1!r}.</translation>
    </message>
    <message>
        <source>Data source: expected an object with a &apos;kind&apos;, not {0}.</source>
        <translation>Origen de datos: se esperaba un objeto con un &apos;kind&apos;, no {0}.</translation>
    </message>
    <message>
        <source>Data source: field &apos;feature_names&apos; must hold one name per feature column.</source>
        <translation>Origen de datos: el campo &apos;feature_names&apos; debe contener un nombre por cada columna de variables.</translation>
    </message>
    <message>
        <source>Data source: field &apos;features&apos; must list at least one column number.</source>
        <translation>Origen de datos: el campo &apos;features&apos; debe indicar al menos un número de columna.</translation>
    </message>
    <message>
        <source>Data source: field &apos;format&apos; must be an object.</source>
        <translation>Origen de datos: el campo &apos;format&apos; debe ser un objeto.</translation>
    </message>
    <message>
        <source>Data source: field &apos;format&apos; must describe the CSV format.</source>
        <translation>Origen de datos: el campo &apos;format&apos; debe describir el formato CSV.</translation>
    </message>
    <message>
        <source>Data source: field &apos;kind&apos; must be &apos;spec&apos; or &apos;csv&apos;, not {0!r}.</source>
        <translation>Origen de datos: el campo &apos;kind&apos; debe ser &apos;spec&apos; o &apos;csv&apos;, no {0!r}.</translation>
    </message>
    <message>
        <source>Data source: field &apos;label_name&apos; must be text, not {0!r}.</source>
        <translation>Origen de datos: el campo &apos;label_name&apos; debe ser un texto, no {0!r}.</translation>
    </message>
    <message>
        <source>Data source: field &apos;path&apos; must name a file, not {0!r}.</source>
        <translation>Origen de datos: el campo &apos;path&apos; debe ser el nombre de un fichero, no {0!r}.</translation>
    </message>
    <message>
        <source>Data source: field &apos;spec&apos; is missing.</source>
        <translation>Origen de datos: falta el campo &apos;spec&apos;.</translation>
    </message>
    <message>
        <source>Data source: field &apos;spec&apos; must be an object with a &apos;kind&apos;.</source>
        <translation>Origen de datos: el campo &apos;spec&apos; debe ser un objeto con un &apos;kind&apos;.</translation>
    </message>
    <message>
        <source>Data source: field &apos;spec&apos; must hold plain numbers, text and lists.</source>
        <translation>Origen de datos: el campo &apos;spec&apos; solo debe contener números, textos y listas.</translation>
    </message>
    <message>
        <source>Data source: field &apos;task&apos; must be one of {0}, not {1!r}.</source>
        <translation>Origen de datos: el campo &apos;task&apos; debe ser uno de {0}, no {1!r}.</translation>
    </message>
    <message>
        <source>Data source: field &apos;val_fraction&apos; must be a number in [0, 1), not {0!r}.</source>
        <translation>Origen de datos: el campo &apos;val_fraction&apos; debe ser un número en [0, 1), no {0!r}.</translation>
    </message>
    <message>
        <source>Data source: field &apos;{0}&apos; is missing.</source>
        <translation>Origen de datos: falta el campo &apos;{0}&apos;.</translation>
    </message>
    <message>
        <source>Data source: field &apos;{0}&apos; must hold whole numbers from 0, not {1!r}.</source>
        <translation>Origen de datos: el campo &apos;{0}&apos; debe contener números enteros mayores o iguales que 0, no {1!r}.</translation>
    </message>
    <message>
        <source>Data source: the label and feature columns must all be different.</source>
        <translation>Origen de datos: las columnas de la etiqueta y de las variables deben ser todas distintas.</translation>
    </message>
    <message>
        <source>Data source: unknown field &apos;{0}{1}&apos;.</source>
        <translation>Origen de datos: campo desconocido &apos;{0}{1}&apos;.</translation>
    </message>
    <message>
        <source>Digits: &apos;n&apos; must be a whole number from 1 to {0}, not {1!r}.</source>
        <translation>Dígitos: &apos;n&apos; debe ser un número entero de 1 a {0}, no {1!r}.</translation>
    </message>
    <message>
        <source>Digits: &apos;noise&apos; must be zero or positive, not {0!r}.</source>
        <translation>Dígitos: &apos;noise&apos; debe ser cero o positivo, no {0!r}.</translation>
    </message>
    <message>
        <source>Field &apos;activations&apos; is missing.</source>
        <translation>Falta el campo &apos;activations&apos;.</translation>
    </message>
    <message>
        <source>Field &apos;activations[{0}]&apos;: softmax can only be the output layer&apos;s activation.</source>
        <translation>Campo &apos;activations[{0}]&apos;: softmax solo puede ser la función de activación de la capa de salida.</translation>
    </message>
    <message>
        <source>Field &apos;biases&apos; must be a list of {0} vectors, one per non-input layer.</source>
        <translation>El campo &apos;biases&apos; debe ser una lista de {0} vectores, uno por cada capa que no es de entrada.</translation>
    </message>
    <message>
        <source>Field &apos;data&apos; must be an object with a &apos;kind&apos;.</source>
        <translation>El campo &apos;data&apos; debe ser un objeto con un &apos;kind&apos;.</translation>
    </message>
    <message>
        <source>Field &apos;data.split_seed&apos; must be a whole number from 0, not {0!r}.</source>
        <translation>El campo &apos;data.split_seed&apos; debe ser un número entero desde 0, no {0!r}.</translation>
    </message>
    <message>
        <source>Field &apos;data.val_fraction&apos; must be a number in [0, 1), not {0!r}.</source>
        <translation>El campo &apos;data.val_fraction&apos; debe ser un número en [0, 1), no {0!r}.</translation>
    </message>
    <message>
        <source>Field &apos;data.x&apos; contains a number that is not finite.</source>
        <translation>El campo &apos;data.x&apos; contiene un número que no es finito.</translation>
    </message>
    <message>
        <source>Field &apos;data.x&apos; must be a list of points, each a list of the same count of numbers.</source>
        <translation>El campo &apos;data.x&apos; debe ser una lista de puntos, cada uno una lista con la misma cantidad de números.</translation>
    </message>
    <message>
        <source>Field &apos;data.x&apos; must be a non-empty list of points.</source>
        <translation>El campo &apos;data.x&apos; debe ser una lista de puntos no vacía.</translation>
    </message>
    <message>
        <source>Field &apos;data.y&apos; must hold one label for each point in &apos;data.x&apos;.</source>
        <translation>El campo &apos;data.y&apos; debe contener una etiqueta para cada punto de &apos;data.x&apos;.</translation>
    </message>
    <message>
        <source>Field &apos;data.y&apos; must hold whole class numbers 0, 1, ...</source>
        <translation>El campo &apos;data.y&apos; debe contener números de clase enteros 0, 1, ...</translation>
    </message>
    <message>
        <source>Field &apos;format&apos; must be {0!r}, not {1!r}.</source>
        <translation>El campo &apos;format&apos; debe ser {0!r}, no {1!r}.</translation>
    </message>
    <message>
        <source>Field &apos;layers&apos; is missing.</source>
        <translation>Falta el campo &apos;layers&apos;.</translation>
    </message>
    <message>
        <source>Field &apos;layers&apos; lists {0} layers; nnviz handles at most {1}.</source>
        <translation>El campo &apos;layers&apos; enumera {0} capas; nnviz admite como mucho {1}.</translation>
    </message>
    <message>
        <source>Field &apos;layers&apos; must be a list of at least two layer sizes (input first).</source>
        <translation>El campo &apos;layers&apos; debe ser una lista de al menos dos tamaños de capa (la de entrada primero).</translation>
    </message>
    <message>
        <source>Field &apos;layers[{0}]&apos; has {1} neurons; nnviz handles at most {2} per layer.</source>
        <translation>El campo &apos;layers[{0}]&apos; tiene {1} neuronas; nnviz admite como mucho {2} por capa.</translation>
    </message>
    <message>
        <source>Field &apos;layers[{0}]&apos; must be a positive whole number of neurons, not {1!r}.</source>
        <translation>El campo &apos;layers[{0}]&apos; debe ser un número entero positivo de neuronas, no {1!r}.</translation>
    </message>
    <message>
        <source>Field &apos;seed&apos; must be a non-negative whole number, not {0!r}.</source>
        <translation>El campo &apos;seed&apos; debe ser un número entero no negativo, no {0!r}.</translation>
    </message>
    <message>
        <source>Field &apos;stepper.targets&apos; must hold {0} lists of {1} finite numbers.</source>
        <translation>El campo &apos;stepper.targets&apos; debe contener {0} listas de {1} números finitos.</translation>
    </message>
    <message>
        <source>Field &apos;training&apos; must be an object of settings.</source>
        <translation>El campo &apos;training&apos; debe ser un objeto con ajustes.</translation>
    </message>
    <message>
        <source>Field &apos;training.{0}&apos; is not a training setting (known: {1}).</source>
        <translation>El campo &apos;training.{0}&apos; no es un ajuste de entrenamiento (conocidos: {1}).</translation>
    </message>
    <message>
        <source>Field &apos;version&apos; is {0!r}; this nnviz reads version {1}.</source>
        <translation>El campo &apos;version&apos; es {0!r}; este nnviz lee la versión {1}.</translation>
    </message>
    <message>
        <source>Field &apos;weights&apos; must be a list of {0} matrices, one per layer pair.</source>
        <translation>El campo &apos;weights&apos; debe ser una lista de {0} matrices, una por cada par de capas.</translation>
    </message>
    <message>
        <source>Field &apos;{0}&apos; contains a number that is not finite.</source>
        <translation>El campo &apos;{0}&apos; contiene un número que no es finito.</translation>
    </message>
    <message>
        <source>Field &apos;{0}&apos; contains a number too large to use.</source>
        <translation>El campo &apos;{0}&apos; contiene un número demasiado grande para usarlo.</translation>
    </message>
    <message>
        <source>Field &apos;{0}&apos; contains {1!r}, which is not a number.</source>
        <translation>El campo &apos;{0}&apos; contiene {1!r}, que no es un número.</translation>
    </message>
    <message>
        <source>Field &apos;{0}&apos; has shape {1} but the layers need {2}.</source>
        <translation>El campo &apos;{0}&apos; tiene forma {1}, pero las capas necesitan {2}.</translation>
    </message>
    <message>
        <source>Field &apos;{0}&apos; is missing; give both &apos;weights&apos; and &apos;biases&apos;, or neither and a &apos;seed&apos;.</source>
        <translation>Falta el campo &apos;{0}&apos;; da tanto &apos;weights&apos; como &apos;biases&apos;, o ninguno de los dos y una &apos;seed&apos;.</translation>
    </message>
    <message>
        <source>Field &apos;{0}&apos; must be a finite number, not {1!r}.</source>
        <translation>El campo &apos;{0}&apos; debe ser un número finito, no {1!r}.</translation>
    </message>
    <message>
        <source>Field &apos;{0}&apos; must be a list of numbers, not {1!r}.</source>
        <translation>El campo &apos;{0}&apos; debe ser una lista de números, no {1!r}.</translation>
    </message>
    <message>
        <source>Field &apos;{0}&apos; must be a name, not {1!r}.</source>
        <translation>El campo &apos;{0}&apos; debe ser un nombre, no {1!r}.</translation>
    </message>
    <message>
        <source>Field &apos;{0}&apos; must be a whole number, not {1!r}.</source>
        <translation>El campo &apos;{0}&apos; debe ser un número entero, no {1!r}.</translation>
    </message>
    <message>
        <source>Field &apos;{0}&apos; must be an activation name or a list of {1} names.</source>
        <translation>El campo &apos;{0}&apos; debe ser el nombre de una función de activación o una lista de {1} nombres.</translation>
    </message>
    <message>
        <source>Field &apos;{0}&apos; must be true or false, not {1!r}.</source>
        <translation>El campo &apos;{0}&apos; debe ser true o false, no {1!r}.</translation>
    </message>
    <message>
        <source>Field &apos;{0}&apos; must have {1} entries, one per non-input layer, not {2}.</source>
        <translation>El campo &apos;{0}&apos; debe tener {1} elementos, uno por cada capa que no es de entrada, no {2}.</translation>
    </message>
    <message>
        <source>Field &apos;{0}&apos; must hold numbers in the shape {1}.</source>
        <translation>El campo &apos;{0}&apos; debe contener números con la forma {1}.</translation>
    </message>
    <message>
        <source>Field &apos;{0}&apos; names an unknown activation {1!r} (known: {2}).</source>
        <translation>El campo &apos;{0}&apos; nombra una función de activación desconocida {1!r} (conocidas: {2}).</translation>
    </message>
    <message>
        <source>Give one activation per Linear layer: the network has {0} Linear layers, but {1} activations were given.</source>
        <translation>Da una activación por cada capa Linear: la red tiene {0} capas Linear, pero se han dado {1} activaciones.</translation>
    </message>
    <message>
        <source>Give the activations as a list of names, one per Linear layer.</source>
        <translation>Da las activaciones como una lista de nombres, uno por cada capa Linear.</translation>
    </message>
    <message>
        <source>Give the values of &apos;{0}&apos; separated by commas ({1}).</source>
        <translation>Da los valores de &apos;{0}&apos; separados por comas ({1}).</translation>
    </message>
    <message>
        <source>Layer {0} uses the &apos;{1}&apos; activation, which has no useful derivative; its error has no slope to descend.</source>
        <translation>La capa {0} usa la activación «{1}», que no tiene una derivada útil: su error no tiene pendiente por la que descender.</translation>
    </message>
    <message>
        <source>Layer {0} uses the &apos;{1}&apos; activation, which has no useful derivative; training needs identity, sigmoid, tanh, relu or softmax.</source>
        <translation>La capa {0} usa la función de activación &apos;{1}&apos;, que no tiene una derivada útil; el entrenamiento necesita identidad, sigmoide, tanh, relu o softmax.</translation>
    </message>
    <message>
        <source>Layer {0}&apos;s activation {1!r} is unknown (known: {2}).</source>
        <translation>La activación {1!r} de la capa {0} es desconocida (conocidas: {2}).</translation>
    </message>
    <message>
        <source>Lesson &apos;{0}&apos; does not take a truth table: that needs a perceptron or MLP lesson with one output neuron.</source>
        <translation>La lección &apos;{0}&apos; no admite una tabla de verdad: para eso hace falta una lección de perceptrón o de MLP con una neurona de salida.</translation>
    </message>
    <message>
        <source>Lesson &apos;{0}&apos; is not an nnviz lesson file.</source>
        <translation>La lección &apos;{0}&apos; no es un fichero de lección de nnviz.</translation>
    </message>
    <message>
        <source>Lesson &apos;{0}&apos; is not valid JSON ({1}).</source>
        <translation>La lección &apos;{0}&apos; no es JSON válido ({1}).</translation>
    </message>
    <message>
        <source>Lesson &apos;{0}&apos; needs both a &apos;network&apos; and a &apos;data&apos; field.</source>
        <translation>La lección &apos;{0}&apos; necesita un campo &apos;network&apos; y un campo &apos;data&apos;.</translation>
    </message>
    <message>
        <source>Lesson &apos;{0}&apos;, field &apos;stepper.dropout&apos;: {1}</source>
        <translation>Lección «{0}», campo «stepper.dropout»: {1}</translation>
    </message>
    <message>
        <source>Lesson &apos;{0}&apos;, field &apos;stepper.eta&apos;: {1}</source>
        <translation>Lección &apos;{0}&apos;, campo &apos;stepper.eta&apos;: {1}</translation>
    </message>
    <message>
        <source>Lesson &apos;{0}&apos;, network: {1}</source>
        <translation>Lección &apos;{0}&apos;, red: {1}</translation>
    </message>
    <message>
        <source>Lesson &apos;{0}&apos;: field &apos;data&apos; must be an object with a &apos;kind&apos;.</source>
        <translation>Lección &apos;{0}&apos;: el campo &apos;data&apos; debe ser un objeto con un &apos;kind&apos;.</translation>
    </message>
    <message>
        <source>Lesson &apos;{0}&apos;: field &apos;mode&apos; must be one of {1}.</source>
        <translation>Lección &apos;{0}&apos;: el campo &apos;mode&apos; debe ser uno de {1}.</translation>
    </message>
    <message>
        <source>Lesson &apos;{0}&apos;: field &apos;order&apos; must be a whole number.</source>
        <translation>Lección &apos;{0}&apos;: el campo &apos;order&apos; debe ser un número entero.</translation>
    </message>
    <message>
        <source>Lesson &apos;{0}&apos;: field &apos;pace&apos; must be a number of epochs a second, 0 for full speed.</source>
        <translation>Lección &apos;{0}&apos;: el campo &apos;pace&apos; debe ser un número de épocas por segundo, 0 para la máxima velocidad.</translation>
    </message>
    <message>
        <source>Lesson &apos;{0}&apos;: field &apos;stepper.granularity&apos; must be one of {1}.</source>
        <translation>Lección &apos;{0}&apos;: el campo &apos;stepper.granularity&apos; debe ser uno de {1}.</translation>
    </message>
    <message>
        <source>Lesson &apos;{0}&apos;: field &apos;stepper.targets&apos; must hold {1} lists of {2} finite numbers.</source>
        <translation>Lección &apos;{0}&apos;: el campo &apos;stepper.targets&apos; debe contener {1} listas de {2} números finitos.</translation>
    </message>
    <message>
        <source>Lesson &apos;{0}&apos;: field &apos;stepper.{1}&apos; must be a whole number from 0 to {2}, not {3!r}.</source>
        <translation>Lección &apos;{0}&apos;: el campo &apos;stepper.{1}&apos; debe ser un número entero de 0 a {2}, no {3!r}.</translation>
    </message>
    <message>
        <source>Lesson &apos;{0}&apos;: field &apos;stepper.{1}&apos; must be true or false.</source>
        <translation>Lección &apos;{0}&apos;: el campo &apos;stepper.{1}&apos; debe ser true o false.</translation>
    </message>
    <message>
        <source>Lesson &apos;{0}&apos;: field &apos;views&apos; must be a list of names from {1}.</source>
        <translation>Lección «{0}»: el campo «views» debe ser una lista de nombres entre {1}.</translation>
    </message>
    <message>
        <source>Lesson &apos;{0}&apos;: field &apos;{1}&apos; must be an object.</source>
        <translation>Lección &apos;{0}&apos;: el campo &apos;{1}&apos; debe ser un objeto.</translation>
    </message>
    <message>
        <source>Lesson &apos;{0}&apos;: field &apos;{1}&apos; must map languages to text.</source>
        <translation>Lección &apos;{0}&apos;: el campo &apos;{1}&apos; debe asociar idiomas a textos.</translation>
    </message>
    <message>
        <source>MNIST: &apos;n&apos; must be a whole number from 1 to {0}, not {1!r}.</source>
        <translation>MNIST: &apos;n&apos; debe ser un número entero de 1 a {0}, no {1!r}.</translation>
    </message>
    <message>
        <source>MNIST: &apos;noise&apos; is not supported.</source>
        <translation>MNIST: &apos;noise&apos; no está disponible.</translation>
    </message>
    <message>
        <source>MNIST: &apos;part&apos; must be train or test, not {0!r}.</source>
        <translation>MNIST: &apos;part&apos; debe ser train o test, no {0!r}.</translation>
    </message>
    <message>
        <source>MNIST: &apos;{0}&apos; is not a folder.</source>
        <translation>MNIST: &apos;{0}&apos; no es una carpeta.</translation>
    </message>
    <message>
        <source>MNIST: the files in &apos;{0}&apos; do not hold bytes (0-255) as MNIST&apos;s do.</source>
        <translation>MNIST: los ficheros de &apos;{0}&apos; no contienen bytes (0-255) como los de MNIST.</translation>
    </message>
    <message>
        <source>MNIST: the image and label files in &apos;{0}&apos; do not match.</source>
        <translation>MNIST: los ficheros de imágenes y de etiquetas de &apos;{0}&apos; no se corresponden.</translation>
    </message>
    <message>
        <source>Module &apos;{0}&apos; of the nn.Sequential is a second activation after the Linear layer &apos;{1}&apos;.</source>
        <translation>El módulo &apos;{0}&apos; del nn.Sequential es una segunda activación tras la capa Linear &apos;{1}&apos;.</translation>
    </message>
    <message>
        <source>Module &apos;{0}&apos; of the nn.Sequential is a softmax over dimension {1}; nnviz reads a softmax over each sample&apos;s outputs (dim=-1 or dim=1).</source>
        <translation>El módulo &apos;{0}&apos; del nn.Sequential es un softmax sobre la dimensión {1}; nnviz lee un softmax sobre las salidas de cada muestra (dim=-1 o dim=1).</translation>
    </message>
    <message>
        <source>Module &apos;{0}&apos; of the nn.Sequential is a {1}; nnviz reads nn.Linear, nn.ReLU, nn.Sigmoid, nn.Tanh, nn.Softmax, nn.Identity, nn.Dropout and a first nn.Flatten.</source>
        <translation>El módulo &apos;{0}&apos; del nn.Sequential es un {1}; nnviz lee nn.Linear, nn.ReLU, nn.Sigmoid, nn.Tanh, nn.Softmax, nn.Identity, nn.Dropout y un nn.Flatten al principio.</translation>
    </message>
    <message>
        <source>Module &apos;{0}&apos; of the nn.Sequential is an activation before any Linear layer.</source>
        <translation>El módulo &apos;{0}&apos; del nn.Sequential es una activación anterior a cualquier capa Linear.</translation>
    </message>
    <message>
        <source>No Linear layer found: no tensor is named &apos;….weight&apos; with two dimensions (nnviz reads networks of nn.Linear layers).</source>
        <translation>No se ha encontrado ninguna capa Linear: ningún tensor de dos dimensiones se llama &apos;….weight&apos; (nnviz lee redes de capas nn.Linear).</translation>
    </message>
    <message>
        <source>One output neuron can tell two classes apart, but the data has {0}; give the output layer {0} neurons.</source>
        <translation>Una neurona de salida puede distinguir dos clases, pero los datos tienen {0}; da {0} neuronas a la capa de salida.</translation>
    </message>
    <message>
        <source>One sigmoid output neuron can tell two classes apart, but the data has {0}; use the softmax output.</source>
        <translation>Una neurona de salida sigmoide puede distinguir dos clases, pero los datos tienen {0}; usa la salida softmax.</translation>
    </message>
    <message>
        <source>Optimizer state: its numbers must be finite.</source>
        <translation>Estado del optimizador: sus números deben ser finitos.</translation>
    </message>
    <message>
        <source>Optimizer state: the step count must be a whole number from 0.</source>
        <translation>Estado del optimizador: el número de pasos debe ser un número entero mayor o igual que 0.</translation>
    </message>
    <message>
        <source>Optimizer state: unknown optimizer {0!r}.</source>
        <translation>Estado del optimizador: optimizador desconocido {0!r}.</translation>
    </message>
    <message>
        <source>Optimizer state: {0} numbers were expected for a {1} network, not {2}.</source>
        <translation>Estado del optimizador: se esperaban {0} números para una red {1}, no {2}.</translation>
    </message>
    <message>
        <source>PyTorch has no layer for the {0} activation of layer {1}; nnviz exports {2}.</source>
        <translation>PyTorch no tiene ninguna capa para la activación {0} de la capa {1}; nnviz exporta {2}.</translation>
    </message>
    <message>
        <source>Row {0} has {1} cells; a table with {2} inputs needs {3}: the inputs, then the output.</source>
        <translation>La fila {0} tiene {1} celdas; una tabla con {2} entradas necesita {3}: las entradas y después la salida.</translation>
    </message>
    <message>
        <source>Row {0} repeats the inputs of row {1}: each combination may appear only once.</source>
        <translation>La fila {0} repite las entradas de la fila {1}: cada combinación solo puede aparecer una vez.</translation>
    </message>
    <message>
        <source>Row {0}: input x{1} must be 0 or 1, not &apos;{2}&apos;.</source>
        <translation>Fila {0}: la entrada x{1} debe ser 0 o 1, no &apos;{2}&apos;.</translation>
    </message>
    <message>
        <source>Row {0}: the output must be 0 or 1, not &apos;{1}&apos;.</source>
        <translation>Fila {0}: la salida debe ser 0 o 1, no &apos;{1}&apos;.</translation>
    </message>
    <message>
        <source>Session: &apos;{0}.values&apos; must hold finite numbers, one row per sample.</source>
        <translation>Sesión: &apos;{0}.values&apos; debe contener números finitos, una fila por muestra.</translation>
    </message>
    <message>
        <source>Session: &apos;{0}.x&apos; contains a number that is not finite.</source>
        <translation>Sesión: &apos;{0}.x&apos; contiene un número que no es finito.</translation>
    </message>
    <message>
        <source>Session: &apos;{0}.x&apos; must hold at least one row of numbers.</source>
        <translation>Sesión: &apos;{0}.x&apos; debe contener al menos una fila de números.</translation>
    </message>
    <message>
        <source>Session: &apos;{0}.y&apos; holds a label outside the {1} classes.</source>
        <translation>Sesión: &apos;{0}.y&apos; contiene una etiqueta fuera de las {1} clases.</translation>
    </message>
    <message>
        <source>Session: &apos;{0}.y&apos; must hold one whole-number label per row of &apos;{0}.x&apos;.</source>
        <translation>Sesión: &apos;{0}.y&apos; debe contener una etiqueta entera por cada fila de &apos;{0}.x&apos;.</translation>
    </message>
    <message>
        <source>Session: &apos;{0}.{1}&apos; must hold row numbers of the data.</source>
        <translation>Sesión: &apos;{0}.{1}&apos; debe contener números de fila de los datos.</translation>
    </message>
    <message>
        <source>Session: a row of &apos;{0}&apos; is both in training and in validation.</source>
        <translation>Sesión: una fila de &apos;{0}&apos; está a la vez en entrenamiento y en validación.</translation>
    </message>
    <message>
        <source>Session: field &apos;{0}&apos; must be a list of names.</source>
        <translation>Sesión: el campo &apos;{0}&apos; debe ser una lista de nombres.</translation>
    </message>
    <message>
        <source>Session: field &apos;{0}&apos; must be an object.</source>
        <translation>Sesión: el campo &apos;{0}&apos; debe ser un objeto.</translation>
    </message>
    <message>
        <source>Session: field &apos;{0}.class_names&apos; must hold one name per class.</source>
        <translation>Sesión: el campo &apos;{0}.class_names&apos; debe contener un nombre por clase.</translation>
    </message>
    <message>
        <source>Session: field &apos;{0}.feature_names&apos; must hold one name per column of x.</source>
        <translation>Sesión: el campo &apos;{0}.feature_names&apos; debe contener un nombre por cada columna de x.</translation>
    </message>
    <message>
        <source>Session: field &apos;{0}.image_shape&apos; must be rows and columns of the images.</source>
        <translation>Sesión: el campo &apos;{0}.image_shape&apos; debe indicar las filas y las columnas de las imágenes.</translation>
    </message>
    <message>
        <source>Session: field &apos;{0}.n_classes&apos; must be a whole number from 0.</source>
        <translation>Sesión: el campo &apos;{0}.n_classes&apos; debe ser un número entero mayor o igual que 0.</translation>
    </message>
    <message>
        <source>Session: field &apos;{0}.scaling&apos; must be an object.</source>
        <translation>Sesión: el campo &apos;{0}.scaling&apos; debe ser un objeto.</translation>
    </message>
    <message>
        <source>Session: field &apos;{0}.scaling.{1}&apos; must be a number.</source>
        <translation>Sesión: el campo &apos;{0}.scaling.{1}&apos; debe ser un número.</translation>
    </message>
    <message>
        <source>Session: the standardisation of &apos;{0}&apos; must hold a mean and a positive std per column.</source>
        <translation>Sesión: la estandarización de &apos;{0}&apos; debe contener una media y una desviación típica positiva por columna.</translation>
    </message>
    <message>
        <source>Session: the tensor &apos;{0}&apos; is missing.</source>
        <translation>Sesión: falta el tensor &apos;{0}&apos;.</translation>
    </message>
    <message>
        <source>Session: the tensor &apos;{0}&apos; must have {1} dimensions, not {2}.</source>
        <translation>Sesión: el tensor &apos;{0}&apos; debe tener {1} dimensiones, no {2}.</translation>
    </message>
    <message>
        <source>Session: the test part has {0} columns, the data {1}.</source>
        <translation>Sesión: la parte de prueba tiene {0} columnas y los datos, {1}.</translation>
    </message>
    <message>
        <source>Setting &apos;betas&apos; must hold two numbers in [0, 1).</source>
        <translation>El ajuste &apos;betas&apos; debe contener dos números en [0, 1).</translation>
    </message>
    <message>
        <source>Setting &apos;dropout&apos; must have one probability per hidden layer ({0}), not {1}.</source>
        <translation>El ajuste &apos;dropout&apos; debe tener una probabilidad por cada capa oculta ({0}), no {1}.</translation>
    </message>
    <message>
        <source>Setting &apos;lr&apos; must be at most {0:g}, not {1!r}.</source>
        <translation>El ajuste &apos;lr&apos; debe ser como mucho {0:g}, no {1!r}.</translation>
    </message>
    <message>
        <source>Setting &apos;{0}&apos; must be a positive number, not {1!r}.</source>
        <translation>El ajuste &apos;{0}&apos; debe ser un número positivo, no {1!r}.</translation>
    </message>
    <message>
        <source>Setting &apos;{0}&apos; must be a whole number of at least {1}, not {2!r}.</source>
        <translation>El ajuste &apos;{0}&apos; debe ser un número entero mayor o igual que {1}, no {2!r}.</translation>
    </message>
    <message>
        <source>Setting &apos;{0}&apos; must be in [{1:g}, {2:g}{3}, not {4!r}.</source>
        <translation>El ajuste &apos;{0}&apos; debe estar en [{1:g}, {2:g}{3}, no {4!r}.</translation>
    </message>
    <message>
        <source>Setting &apos;{0}&apos; must be one of {1}, not {2!r}.</source>
        <translation>El ajuste &apos;{0}&apos; debe ser uno de {1}, no {2!r}.</translation>
    </message>
    <message>
        <source>Softmax can only be the activation of the last layer, not of layer {0}.</source>
        <translation>Softmax solo puede ser la activación de la última capa, no de la capa {0}.</translation>
    </message>
    <message>
        <source>The Linear layer &apos;{0}&apos; has shape {1}; nnviz handles at most {2} neurons per layer.</source>
        <translation>La capa Linear &apos;{0}&apos; tiene forma {1}; nnviz admite como mucho {2} neuronas por capa.</translation>
    </message>
    <message>
        <source>The Linear layers &apos;{0}&apos; ({1} → {2}) and &apos;{3}&apos; ({4} → {5}) do not chain: the outputs of one must be the inputs of the next.</source>
        <translation>Las capas Linear &apos;{0}&apos; ({1} → {2}) y &apos;{3}&apos; ({4} → {5}) no encajan: las salidas de una deben ser las entradas de la siguiente.</translation>
    </message>
    <message>
        <source>The Linear layers need {0} weights and biases; nnviz handles at most {1}.</source>
        <translation>Las capas Linear necesitan {0} pesos y sesgos; nnviz admite como mucho {1}.</translation>
    </message>
    <message>
        <source>The bias of &apos;{0}&apos; contains a number that is not finite.</source>
        <translation>El sesgo de &apos;{0}&apos; contiene un número que no es finito.</translation>
    </message>
    <message>
        <source>The bias of &apos;{0}&apos; does not hold real numbers.</source>
        <translation>El sesgo de &apos;{0}&apos; no contiene números reales.</translation>
    </message>
    <message>
        <source>The bias of &apos;{0}&apos; has shape {1}, but the layer has {2} outputs.</source>
        <translation>El sesgo de &apos;{0}&apos; tiene forma {1}, pero la capa tiene {2} salidas.</translation>
    </message>
    <message>
        <source>The data &apos;{0}&apos; cannot be written into a PyTorch script.</source>
        <translation>Los datos &apos;{0}&apos; no se pueden escribir en un script de PyTorch.</translation>
    </message>
    <message>
        <source>The dropout masks do not fit the network&apos;s layers.</source>
        <translation>Las máscaras de dropout no encajan con las capas de la red.</translation>
    </message>
    <message>
        <source>The dropout probability p must be a number, not {0!r}.</source>
        <translation>La probabilidad de dropout p debe ser un número, no {0!r}.</translation>
    </message>
    <message>
        <source>The dropout probability p must be at least 0 and less than 1, not {0!r}.</source>
        <translation>La probabilidad de dropout p debe ser al menos 0 y menor que 1, no {0!r}.</translation>
    </message>
    <message>
        <source>The error is growing: it has stayed above its starting value ({0:.3g}) for {1} epochs; the learning rate η = {2:g} may be too large.</source>
        <translation>El error está creciendo: lleva {1} épocas por encima de su valor inicial ({0:.3g}); puede que la tasa de aprendizaje η = {2:g} sea demasiado grande.</translation>
    </message>
    <message>
        <source>The layers {0} need {1} weights and biases; nnviz handles at most {2}.</source>
        <translation>Las capas {0} necesitan {1} pesos y sesgos; nnviz admite como mucho {2}.</translation>
    </message>
    <message>
        <source>The network has no weight ({0}, {1}, {2}).</source>
        <translation>La red no tiene el peso ({0}, {1}, {2}).</translation>
    </message>
    <message>
        <source>The network has {0} inputs and {1} outputs but the data gives {2} and {3}.</source>
        <translation>La red tiene {0} entradas y {1} salidas, pero los datos dan {2} y {3}.</translation>
    </message>
    <message>
        <source>The network holds a number too long to read.</source>
        <translation>La red contiene un número demasiado largo para leerlo.</translation>
    </message>
    <message>
        <source>The network is not learning: its accuracy has stayed at chance ({0:.0f}%) for {1} epochs while the error does not fall; the learning rate η = {2:g} may be too large.</source>
        <translation>La red no está aprendiendo: su exactitud lleva {1} épocas al nivel del azar ({0:.0f}%) sin que baje el error; puede que la tasa de aprendizaje η = {2:g} sea demasiado grande.</translation>
    </message>
    <message>
        <source>The network nests lists or objects too deeply to be a network.</source>
        <translation>La red anida listas u objetos a demasiada profundidad para ser una red.</translation>
    </message>
    <message>
        <source>The nn.Sequential holds no nn.Linear layer.</source>
        <translation>El nn.Sequential no contiene ninguna capa nn.Linear.</translation>
    </message>
    <message>
        <source>The session could not be written: {0}.</source>
        <translation>No se ha podido escribir la sesión: {0}.</translation>
    </message>
    <message>
        <source>The tensor &apos;{0}&apos; (shape {1}) is not part of a Linear layer; nnviz reads only networks of nn.Linear layers.</source>
        <translation>El tensor &apos;{0}&apos; (forma {1}) no forma parte de una capa Linear; nnviz solo lee redes de capas nn.Linear.</translation>
    </message>
    <message>
        <source>The tensor &apos;{0}&apos; in &apos;{1}&apos; is not a plain array of real numbers.</source>
        <translation>El tensor &apos;{0}&apos; de &apos;{1}&apos; no es un array simple de números reales.</translation>
    </message>
    <message>
        <source>The weight of &apos;{0}&apos; contains a number that is not finite.</source>
        <translation>Los pesos de &apos;{0}&apos; contienen un número que no es finito.</translation>
    </message>
    <message>
        <source>The weight of &apos;{0}&apos; does not hold real numbers.</source>
        <translation>Los pesos de &apos;{0}&apos; no son números reales.</translation>
    </message>
    <message>
        <source>The weight of &apos;{0}&apos; has shape {1}; a Linear layer&apos;s weight has two dimensions (outputs, inputs), neither of them empty.</source>
        <translation>Los pesos de &apos;{0}&apos; tienen forma {1}; los pesos de una capa Linear tienen dos dimensiones (salidas, entradas), ninguna de ellas vacía.</translation>
    </message>
    <message>
        <source>The weights have grown huge (the largest |ω| is {0:.3g}) while the accuracy stays at chance ({1:.0f}%): the network has stopped learning; the learning rate η = {2:g} may be too large.</source>
        <translation>Los pesos se han hecho enormes (el mayor |ω| es {0:.3g}) mientras la exactitud sigue al azar ({1:.0f} %): la red ha dejado de aprender; la tasa de aprendizaje η = {2:g} puede ser demasiado grande.</translation>
    </message>
    <message>
        <source>The weights have {0} Linear layers; nnviz handles at most {1}.</source>
        <translation>Los pesos tienen {0} capas Linear; nnviz admite como mucho {1}.</translation>
    </message>
    <message>
        <source>There are no training samples to measure the error on.</source>
        <translation>No hay muestras de entrenamiento sobre las que medir el error.</translation>
    </message>
    <message>
        <source>This data is too big to keep in a session file and nnviz does not know where it came from.</source>
        <translation>Estos datos son demasiado grandes para guardarlos en un fichero de sesión y nnviz no sabe de dónde vienen.</translation>
    </message>
    <message>
        <source>Unknown error {0!r}; choose one of {1}.</source>
        <translation>Error desconocido {0!r}; elige uno de {1}.</translation>
    </message>
    <message>
        <source>Unknown setting &apos;{0}&apos; to sweep; choose one of: {1}.</source>
        <translation>No hay ningún ajuste &apos;{0}&apos; que comparar; elige uno de: {1}.</translation>
    </message>
    <message>
        <source>Weights are saved as .safetensors, .pt or .pth files, not &apos;{0}&apos;.</source>
        <translation>Los pesos se guardan como ficheros .safetensors, .pt o .pth, no &apos;{0}&apos;.</translation>
    </message>
    <message>
        <source>With a softmax output the target must be probabilities that add up to 1 (one class is a 1 among 0s, such as 0 1 0).</source>
        <translation>Con una salida softmax, la salida deseada deben ser probabilidades que sumen 1 (una clase es un 1 entre ceros, como 0 1 0).</translation>
    </message>
    <message>
        <source>X has no rows; give at least one sample.</source>
        <translation>X no tiene filas; da al menos una muestra.</translation>
    </message>
    <message>
        <source>X has shape {0}, but the network&apos;s input layer needs the shape (samples, {1}): one column per input.</source>
        <translation>X tiene forma {0}, pero la capa de entrada de la red necesita la forma (muestras, {1}): una columna por entrada.</translation>
    </message>
    <message>
        <source>X has shape {0}; give a table of shape (samples, features), one row per sample.</source>
        <translation>X tiene forma {0}; da una tabla de forma (muestras, variables), una fila por muestra.</translation>
    </message>
    <message>
        <source>X has {0} rows but y has {1}; give y one label per row of X.</source>
        <translation>X tiene {0} filas, pero y tiene {1}; da a y una etiqueta por cada fila de X.</translation>
    </message>
    <message>
        <source>X must hold numbers, one row per sample and one column per feature.</source>
        <translation>X debe contener números, una fila por muestra y una columna por variable.</translation>
    </message>
    <message>
        <source>batch = full set</source>
        <translation>lote = conjunto completo</translation>
    </message>
    <message>
        <source>batch {0}</source>
        <translation>lote {0}</translation>
    </message>
    <message>
        <source>dropout p = {0}</source>
        <translation>dropout con p = {0}</translation>
    </message>
    <message>
        <source>early stopping off</source>
        <translation>sin parada temprana</translation>
    </message>
    <message>
        <source>early stopping on</source>
        <translation>con parada temprana</translation>
    </message>
    <message>
        <source>field &apos;data.stored&apos; must be &apos;spec&apos;, &apos;files&apos;, &apos;arrays&apos; or &apos;source&apos;, not {0!r}.</source>
        <translation>el campo &apos;data.stored&apos; debe ser &apos;spec&apos;, &apos;files&apos;, &apos;arrays&apos; o &apos;source&apos;, no {0!r}.</translation>
    </message>
    <message>
        <source>field &apos;lesson.data&apos; names image files; they are kept as &apos;files&apos;.</source>
        <translation>el campo &apos;lesson.data&apos; nombra ficheros de imágenes; se guardan como &apos;files&apos;.</translation>
    </message>
    <message>
        <source>field &apos;lesson.files&apos; is missing for data read from files.</source>
        <translation>falta el campo &apos;lesson.files&apos; para datos leídos de ficheros.</translation>
    </message>
    <message>
        <source>field &apos;lesson.files&apos; must be an image set&apos;s data object.</source>
        <translation>el campo &apos;lesson.files&apos; debe ser el objeto de datos de un conjunto de imágenes.</translation>
    </message>
    <message>
        <source>field &apos;lesson.mode&apos; must be one of {0}.</source>
        <translation>el campo &apos;lesson.mode&apos; debe ser uno de {0}.</translation>
    </message>
    <message>
        <source>field &apos;lesson.pace&apos; must be a number of epochs a second.</source>
        <translation>el campo &apos;lesson.pace&apos; debe ser un número de épocas por segundo.</translation>
    </message>
    <message>
        <source>field &apos;lesson.{0}&apos; must be an object.</source>
        <translation>el campo &apos;lesson.{0}&apos; debe ser un objeto.</translation>
    </message>
    <message>
        <source>field &apos;lesson.{0}&apos; must map languages to text.</source>
        <translation>el campo &apos;lesson.{0}&apos; debe asignar un texto a cada idioma.</translation>
    </message>
    <message>
        <source>field &apos;optimizer.layers&apos; must list the layer sizes.</source>
        <translation>el campo &apos;optimizer.layers&apos; debe indicar los tamaños de las capas.</translation>
    </message>
    <message>
        <source>field &apos;runs&apos; must list at most {0} runs.</source>
        <translation>el campo &apos;runs&apos; debe contener como mucho {0} entrenamientos.</translation>
    </message>
    <message>
        <source>field &apos;stepper.finished&apos; must be a list.</source>
        <translation>el campo &apos;stepper.finished&apos; debe ser una lista.</translation>
    </message>
    <message>
        <source>field &apos;stepper.finished&apos; must hold [number, sample, error, mean error] lists.</source>
        <translation>el campo &apos;stepper.finished&apos; debe contener listas [número, muestra, error, error medio].</translation>
    </message>
    <message>
        <source>field &apos;stepper.granularity&apos; must be text.</source>
        <translation>el campo &apos;stepper.granularity&apos; debe ser un texto.</translation>
    </message>
    <message>
        <source>field &apos;stepper.pos&apos; must be a whole number from -1.</source>
        <translation>el campo &apos;stepper.pos&apos; debe ser un número entero mayor o igual que -1.</translation>
    </message>
    <message>
        <source>field &apos;view&apos; must be an object.</source>
        <translation>el campo &apos;view&apos; debe ser un objeto.</translation>
    </message>
    <message>
        <source>field &apos;view.{0}&apos; has an impossible value {1!r}.</source>
        <translation>el campo &apos;view.{0}&apos; tiene un valor imposible {1!r}.</translation>
    </message>
    <message>
        <source>field &apos;{0}&apos; is missing or not an object.</source>
        <translation>el campo &apos;{0}&apos; falta o no es un objeto.</translation>
    </message>
    <message>
        <source>field &apos;{0}&apos; must be a whole number from 0, not {1!r}.</source>
        <translation>el campo &apos;{0}&apos; debe ser un número entero mayor o igual que 0, no {1!r}.</translation>
    </message>
    <message>
        <source>field &apos;{0}.layers&apos; must list the layer sizes.</source>
        <translation>el campo &apos;{0}.layers&apos; debe indicar los tamaños de las capas.</translation>
    </message>
    <message>
        <source>from_torch needs a torch.nn.Module, not a {0}.</source>
        <translation>from_torch necesita un torch.nn.Module, no un {0}.</translation>
    </message>
    <message>
        <source>given weights</source>
        <translation>pesos dados</translation>
    </message>
    <message>
        <source>it is not an nnviz session (field &apos;format&apos; is {0!r}).</source>
        <translation>no es una sesión de nnviz (el campo &apos;format&apos; es {0!r}).</translation>
    </message>
    <message>
        <source>it was written by a newer nnviz (session format {0}); this nnviz reads format {1}. Update nnviz to open it.</source>
        <translation>se guardó con una versión más reciente de nnviz (formato de sesión {0}); este nnviz lee el formato {1}. Actualiza nnviz para abrirlo.</translation>
    </message>
    <message>
        <source>its field &apos;version&apos; must be a whole number, not {0!r}.</source>
        <translation>su campo &apos;version&apos; debe ser un número entero, no {0!r}.</translation>
    </message>
    <message>
        <source>momentum {0:g}</source>
        <translation>momento {0:g}</translation>
    </message>
    <message>
        <source>nnviz cannot tell the activations of a {0}, which is not an nn.Sequential of Linear and activation layers: give them, one per Linear layer (activations=[...]).</source>
        <translation>nnviz no puede deducir las activaciones de un {0}, que no es un nn.Sequential de capas Linear y de activación: dalas tú, una por cada capa Linear (activations=[...]).</translation>
    </message>
    <message>
        <source>no dropout</source>
        <translation>sin dropout</translation>
    </message>
    <message>
        <source>no hidden layer</source>
        <translation>sin capa oculta</translation>
    </message>
    <message>
        <source>run {0}: its figures are missing.</source>
        <translation>entrenamiento {0}: faltan sus valores.</translation>
    </message>
    <message>
        <source>run {0}: its name must be a short text.</source>
        <translation>ejecución {0}: su nombre debe ser un texto corto.</translation>
    </message>
    <message>
        <source>seed {0}</source>
        <translation>semilla {0}</translation>
    </message>
    <message>
        <source>the data has {0} columns but the network {1} inputs.</source>
        <translation>los datos tienen {0} columnas, pero la red tiene {1} entradas.</translation>
    </message>
    <message>
        <source>the tensor &apos;{0}&apos; is missing.</source>
        <translation>falta el tensor &apos;{0}&apos;.</translation>
    </message>
    <message>
        <source>weights of seed {0}</source>
        <translation>pesos de la semilla {0}</translation>
    </message>
    <message>
        <source>y has shape {0}, but the network&apos;s output layer predicts the shape (samples, {1}).</source>
        <translation>y tiene forma {0}, pero la capa de salida de la red predice la forma (muestras, {1}).</translation>
    </message>
    <message>
        <source>y has shape {0}; give one class label per row, shape ({1},).</source>
        <translation>y tiene forma {0}; da una etiqueta de clase por fila, con forma ({1},).</translation>
    </message>
    <message>
        <source>y holds numbers to predict such as {0}, but a softmax output gives classes; give y as whole class numbers (integers) 0, 1, 2, ….</source>
        <translation>y contiene números que predecir, como {0}, pero una salida softmax da clases; da y como números de clase enteros 0, 1, 2, ….</translation>
    </message>
    <message>
        <source>y must hold numbers (class labels 0, 1, 2, … or values to predict), not {0!r}.</source>
        <translation>y debe contener números (etiquetas de clase 0, 1, 2, … o valores que predecir), no {0!r}.</translation>
    </message>
    <message>
        <source>y[{0}] is class {1}, but one output neuron tells two classes apart, 0 and 1; give the network one output per class.</source>
        <translation>y[{0}] es la clase {1}, pero una neurona de salida distingue dos clases, 0 y 1; da a la red una salida por clase.</translation>
    </message>
    <message>
        <source>y[{0}] is class {1}, but the network&apos;s {2} outputs stand for the classes 0 to {3}.</source>
        <translation>y[{0}] es la clase {1}, pero las {2} salidas de la red representan las clases de la 0 a la {3}.</translation>
    </message>
    <message>
        <source>y[{0}] is {1}; class labels are whole numbers 0, 1, 2, ….</source>
        <translation>y[{0}] es {1}; las etiquetas de clase son números enteros 0, 1, 2, ….</translation>
    </message>
    <message>
        <source>{0} hidden</source>
        <translation>{0} en las ocultas</translation>
    </message>
    <message>
        <source>{0} hidden layer</source>
        <translation>{0} capa oculta</translation>
    </message>
    <message>
        <source>{0} hidden layers</source>
        <translation>{0} capas ocultas</translation>
    </message>
    <message>
        <source>{0} holds a number too long to read.</source>
        <translation>{0} contiene un número demasiado largo para leerlo.</translation>
    </message>
    <message>
        <source>{0} nests lists or objects too deeply to be a network.</source>
        <translation>{0} anida listas u objetos a demasiada profundidad para ser una red.</translation>
    </message>
    <message>
        <source>{0} neuron</source>
        <translation>{0} neurona</translation>
    </message>
    <message>
        <source>{0} neurons</source>
        <translation>{0} neuronas</translation>
    </message>
    <message>
        <source>{0} output</source>
        <translation>{0} en la salida</translation>
    </message>
    <message>
        <source>{0} λ = {1:g}</source>
        <translation>λ de {0} = {1:g}</translation>
    </message>
    <message>
        <source>{0}: &apos;n&apos; must be a whole number from 1 to {1}, not {2!r}.</source>
        <translation>{0}: &apos;n&apos; debe ser un número entero de 1 a {1}, no {2!r}.</translation>
    </message>
    <message>
        <source>{0}: &apos;{1}&apos; is not a folder.</source>
        <translation>{0}: &apos;{1}&apos; no es una carpeta.</translation>
    </message>
    <message>
        <source>{0}: the labels in &apos;{1}&apos; must be the classes 0 to 9.</source>
        <translation>{0}: las etiquetas de &apos;{1}&apos; deben ser las clases de la 0 a la 9.</translation>
    </message>
    <message>
        <source>{0}: the training and test images in &apos;{1}&apos; differ in size.</source>
        <translation>{0}: las imágenes de entrenamiento y las de prueba de &apos;{1}&apos; tienen distinto tamaño.</translation>
    </message>
    <message>
        <source>{0}: {1}</source>
        <translation>En &apos;{0}&apos;: {1}</translation>
    </message>
    <message>
        <source>{0}: {1} weight layers were expected.</source>
        <translation>{0}: se esperaban {1} capas de pesos.</translation>
    </message>
    <message>
        <source>{0}: {1}[{2}] contains a number that is not finite.</source>
        <translation>{0}: {1}[{2}] contiene un número que no es finito.</translation>
    </message>
    <message>
        <source>{0}: {1}[{2}] has shape {3} but the layers need {4}.</source>
        <translation>{0}: {1}[{2}] tiene forma {3}, pero las capas necesitan {4}.</translation>
    </message>
    <message>
        <source>{0}[{1}] is {2}; every value must be a finite number.</source>
        <translation>{0}[{1}] es {2}; todos los valores deben ser números finitos.</translation>
    </message>
    <message>
        <source>η = {0:g}</source>
        <translation>tasa η = {0:g}</translation>
    </message>
    <message>
        <source>The NumPy engine runs only on the CPU, not on &apos;{0}&apos;; choose the device &apos;cpu&apos; or the engine &apos;torch&apos; or &apos;auto&apos;.</source>
        <translation>El motor NumPy solo funciona en la CPU, no en &apos;{0}&apos;; elige el dispositivo &apos;cpu&apos; o el motor &apos;torch&apos; o &apos;auto&apos;.</translation>
    </message>
    <message>
        <source>The compiled engine cannot train the &apos;{0}&apos; activation.</source>
        <translation>El motor compilado no puede entrenar la función de activación &apos;{0}&apos;.</translation>
    </message>
    <message>
        <source>The compiled engine cannot train with dropout; set dropout to 0 or choose the engine &apos;torch&apos; or &apos;auto&apos;.</source>
        <translation>El motor compilado no puede entrenar con dropout; pon el dropout a 0 o elige el motor &apos;torch&apos; o &apos;auto&apos;.</translation>
    </message>
    <message>
        <source>The compiled engine could not load numba ({0}); choose the engine &apos;torch&apos;.</source>
        <translation>El motor compilado no ha podido cargar numba ({0}); elige el motor &apos;torch&apos;.</translation>
    </message>
    <message>
        <source>The compiled engine needs the numba package, which is not installed or does not load; install numba or choose the engine &apos;torch&apos;.</source>
        <translation>El motor compilado necesita el paquete numba, que no está instalado o no se carga; instala numba o elige el motor &apos;torch&apos;.</translation>
    </message>
    <message>
        <source>The compiled engine runs only on the CPU, not on &apos;{0}&apos;; choose the device &apos;cpu&apos; or the engine &apos;torch&apos; or &apos;auto&apos;.</source>
        <translation>El motor compilado solo funciona en la CPU, no en &apos;{0}&apos;; elige el dispositivo &apos;cpu&apos; o el motor &apos;torch&apos; o &apos;auto&apos;.</translation>
    </message>
    <message>
        <source>The data contain a number that is not finite.</source>
        <translation>Los datos contienen un número que no es finito.</translation>
    </message>
    <message>
        <source>The data must have {0} inputs and {1} target(s) per sample.</source>
        <translation>Los datos deben tener {0} entradas y {1} salida(s) deseada(s) por muestra.</translation>
    </message>
    <message>
        <source>The device &apos;cuda&apos; was asked for, but PyTorch sees no CUDA GPU here.</source>
        <translation>Se ha pedido el dispositivo &apos;cuda&apos;, pero PyTorch no ve ninguna GPU CUDA en este equipo.</translation>
    </message>
    <message>
        <source>The device &apos;mps&apos; was asked for, but this machine has no Apple GPU.</source>
        <translation>Se ha pedido el dispositivo &apos;mps&apos;, pero este equipo no tiene GPU de Apple.</translation>
    </message>
    <message>
        <source>The downloaded &apos;{0}&apos; does not match its published checksum, so it was deleted; try again later or put the file in &apos;{1}&apos; by hand.</source>
        <translation>El fichero descargado &apos;{0}&apos; no coincide con su suma de comprobación publicada, así que se ha borrado; vuelve a intentarlo más tarde o pon el fichero en &apos;{1}&apos; a mano.</translation>
    </message>
    <message>
        <source>The granularity must be &apos;scalar&apos; or &apos;layer&apos;, not {0!r}.</source>
        <translation>La granularidad debe ser &apos;scalar&apos; o &apos;layer&apos;, no {0!r}.</translation>
    </message>
    <message>
        <source>The granularity must be one of {0}.</source>
        <translation>La granularidad debe ser una de {0}.</translation>
    </message>
    <message>
        <source>The input contains a number that is not finite.</source>
        <translation>La entrada contiene un número que no es finito.</translation>
    </message>
    <message>
        <source>The input has 1 number but the network needs {1}.</source>
        <translation>La entrada tiene 1 número, pero la red necesita {1}.</translation>
    </message>
    <message>
        <source>The input has {0} numbers but the network needs {1}.</source>
        <translation>La entrada tiene {0} números, pero la red necesita {1}.</translation>
    </message>
    <message>
        <source>The input must be numbers.</source>
        <translation>La entrada deben ser números.</translation>
    </message>
    <message>
        <source>The label column &apos;{0}&apos; has one class only (&apos;{1}&apos;); training needs at least two.</source>
        <translation>La columna de la etiqueta &apos;{0}&apos; tiene una sola clase (&apos;{1}&apos;); el entrenamiento necesita al menos dos.</translation>
    </message>
    <message>
        <source>The label column &apos;{0}&apos; has {1} different names: too many classes (at most {2}).</source>
        <translation>La columna de la etiqueta &apos;{0}&apos; tiene {1} nombres distintos: demasiadas clases (como mucho {2}).</translation>
    </message>
    <message>
        <source>The label column &apos;{0}&apos; has {1} different values: too many classes (at most {2}); train it as a regression.</source>
        <translation>La columna de la etiqueta &apos;{0}&apos; tiene {1} valores distintos: demasiadas clases (como mucho {2}); entrénala como una regresión.</translation>
    </message>
    <message>
        <source>The label column &apos;{0}&apos; holds names such as &apos;{1}&apos;, not numbers; it cannot be trained as a regression.</source>
        <translation>La columna de la etiqueta &apos;{0}&apos; contiene nombres como &apos;{1}&apos;, no números; no se puede entrenar como una regresión.</translation>
    </message>
    <message>
        <source>The language must be &apos;es&apos; or &apos;en&apos;, not {0!r}.</source>
        <translation>El idioma debe ser &apos;es&apos; o &apos;en&apos;, no {0!r}.</translation>
    </message>
    <message>
        <source>The learning rate η must be a number, not {0!r}.</source>
        <translation>La tasa de aprendizaje η debe ser un número, no {0!r}.</translation>
    </message>
    <message>
        <source>The learning rate η must be a positive finite number, not {0!r}.</source>
        <translation>La tasa de aprendizaje η debe ser un número finito positivo, no {0!r}.</translation>
    </message>
    <message>
        <source>The network has {0} inputs but the data has {1} features per sample.</source>
        <translation>La red tiene {0} entradas, pero los datos tienen {1} variables por muestra.</translation>
    </message>
    <message>
        <source>The network is not valid JSON (line {0}, column {1}: {2}).</source>
        <translation>La red no es JSON válido (línea {0}, columna {1}: {2}).</translation>
    </message>
    <message>
        <source>The number of epochs must be a whole number of at least 1, not {0!r}.</source>
        <translation>El número de épocas debe ser un número entero mayor o igual que 1, no {0!r}.</translation>
    </message>
    <message>
        <source>The number of updates must be a whole number of at least 0, not {0!r}.</source>
        <translation>El número de actualizaciones debe ser un número entero mayor o igual que 0, no {0!r}.</translation>
    </message>
    <message>
        <source>The output layer has {0} neurons but the data has {1} classes.</source>
        <translation>La capa de salida tiene {0} neuronas, pero los datos tienen {1} clases.</translation>
    </message>
    <message>
        <source>The output must be one of {0}, not &apos;{1}&apos;.</source>
        <translation>La salida debe ser una de {0}, no &apos;{1}&apos;.</translation>
    </message>
    <message>
        <source>The perceptron rule is shown one formula at a time (granularity &apos;scalar&apos;).</source>
        <translation>La regla del perceptrón se muestra fórmula a fórmula (granularidad &apos;scalar&apos;).</translation>
    </message>
    <message>
        <source>The perceptron rule needs a network without hidden layers (layers [inputs, outputs]), not {0}.</source>
        <translation>La regla del perceptrón necesita una red sin capas ocultas (capas [entradas, salidas]), no {0}.</translation>
    </message>
    <message>
        <source>The perceptron rule uses the step (or sign) activation, not {0}.</source>
        <translation>La regla del perceptrón usa la función de activación escalón (o signo), no {0}.</translation>
    </message>
    <message>
        <source>The perceptron&apos;s targets must be 1 or -1, the values of the step function.</source>
        <translation>Las salidas deseadas del perceptrón deben ser 1 o -1, los valores de la función escalón.</translation>
    </message>
    <message>
        <source>The stepper needs at least one sample with its target.</source>
        <translation>El paso a paso necesita al menos una muestra con su salida deseada.</translation>
    </message>
    <message>
        <source>The stepper needs the lesson&apos;s layer sizes.</source>
        <translation>El paso a paso necesita los tamaños de las capas de la lección.</translation>
    </message>
    <message>
        <source>The table has {0} columns; there is no column {1}.</source>
        <translation>La tabla tiene {0} columnas; no hay ninguna columna {1}.</translation>
    </message>
    <message>
        <source>The table needs at least one row with output 0 and one with output 1.</source>
        <translation>La tabla necesita al menos una fila con salida 0 y otra con salida 1.</translation>
    </message>
    <message>
        <source>The target contains a number that is not finite.</source>
        <translation>La salida deseada contiene un número que no es finito.</translation>
    </message>
    <message>
        <source>The target has 1 number but the network needs {1}.</source>
        <translation>La salida deseada tiene 1 número, pero la red necesita {1}.</translation>
    </message>
    <message>
        <source>The target has {0} numbers but the network needs {1}.</source>
        <translation>La salida deseada tiene {0} números, pero la red necesita {1}.</translation>
    </message>
    <message>
        <source>The target must be numbers.</source>
        <translation>La salida deseada deben ser números.</translation>
    </message>
    <message>
        <source>The task must be one of {0}, not {1!r}.</source>
        <translation>La tarea debe ser una de {0}, no {1!r}.</translation>
    </message>
    <message>
        <source>The training part of the data set is empty.</source>
        <translation>La parte de entrenamiento del conjunto de datos está vacía.</translation>
    </message>
    <message>
        <source>The update gives numbers too large to be finite; use smaller inputs, targets or η.</source>
        <translation>La actualización da números demasiado grandes para ser finitos; usa entradas, salidas deseadas o η más pequeñas.</translation>
    </message>
    <message>
        <source>The validation fraction must be in [0, 1), not {0}.</source>
        <translation>La fracción de validación debe estar en [0, 1), no {0}.</translation>
    </message>
    <message>
        <source>The weights or biases of layer {0} contain a number that is not finite.</source>
        <translation>Los pesos o sesgos de la capa {0} contienen un número que no es finito.</translation>
    </message>
    <message>
        <source>The weights stop being finite numbers within {0} updates: the training diverges; try a smaller η.</source>
        <translation>Los pesos dejan de ser números finitos en menos de {0} actualizaciones: el entrenamiento diverge; prueba con una η más pequeña.</translation>
    </message>
    <message>
        <source>There are no points to train on: draw some points first.</source>
        <translation>No hay puntos con los que entrenar: dibuja primero algunos puntos.</translation>
    </message>
    <message>
        <source>There is no &apos;{0}&apos; (or &apos;{0}.gz&apos;) in &apos;{1}&apos;.</source>
        <translation>No hay ningún &apos;{0}&apos; (ni &apos;{0}.gz&apos;) en &apos;{1}&apos;.</translation>
    </message>
    <message>
        <source>There is no lesson called &apos;{0}&apos; (known: {1}).</source>
        <translation>No hay ninguna lección llamada &apos;{0}&apos; (conocidas: {1}).</translation>
    </message>
    <message>
        <source>There is no sample {0} in the data set.</source>
        <translation>No hay ninguna muestra {0} en el conjunto de datos.</translation>
    </message>
    <message>
        <source>There is no truth table called &apos;{0}&apos; (known: {1}).</source>
        <translation>No hay ninguna tabla de verdad llamada &apos;{0}&apos; (conocidas: {1}).</translation>
    </message>
    <message>
        <source>There is not enough memory for &apos;{0}&apos;: {1} rows of {2} features.</source>
        <translation>No hay memoria suficiente para &apos;{0}&apos;: {1} filas de {2} variables.</translation>
    </message>
    <message>
        <source>Training diverged in epoch {0}: the loss became NaN; try a smaller learning rate than {1:g}. The last finite weights were kept.</source>
        <translation>El entrenamiento divergió en la época {0}: la pérdida se hizo NaN; prueba con una tasa de aprendizaje menor que {1:g}. Se han conservado los últimos pesos finitos.</translation>
    </message>
    <message>
        <source>Training diverged in epoch {0}: the loss became infinite or NaN; try a smaller learning rate than {1:g}. The last finite weights were kept.</source>
        <translation>El entrenamiento divergió en la época {0}: la pérdida se hizo infinita o NaN; prueba con una tasa de aprendizaje menor que {1:g}. Se han conservado los últimos pesos finitos.</translation>
    </message>
    <message>
        <source>Training diverged in epoch {0}: the loss became infinite; try a smaller learning rate than {1:g}. The last finite weights were kept.</source>
        <translation>El entrenamiento divergió en la época {0}: la pérdida se hizo infinita; prueba con una tasa de aprendizaje menor que {1:g}. Se han conservado los últimos pesos finitos.</translation>
    </message>
    <message>
        <source>Unknown data set &apos;{0}&apos; to download (known: {1}).</source>
        <translation>Conjunto de datos para descargar desconocido: &apos;{0}&apos; (conocidos: {1}).</translation>
    </message>
    <message>
        <source>Unknown data set {0!r} (known: {1}).</source>
        <translation>Conjunto de datos desconocido {0!r} (conocidos: {1}).</translation>
    </message>
    <message>
        <source>{0} is not on this computer yet: in the window choose Data → Get {0}…, or run &apos;nnviz data download {1}&apos; (or add --download to &apos;nnviz train&apos;), or put its four files in &apos;{2}&apos;.</source>
        <translation>{0} aún no está en este equipo: en la ventana elige Datos → Obtener {0}…, o ejecuta &apos;nnviz data download {1}&apos; (o añade --download a &apos;nnviz train&apos;), o pon sus cuatro ficheros en &apos;{2}&apos;.</translation>
    </message>
    <message>
        <source>{0} is not valid JSON (line {1}, column {2}: {3}).</source>
        <translation>{0} no es JSON válido (línea {1}, columna {2}: {3}).</translation>
    </message>
</context>
<context>
    <name>CsvImportDialog</name>
    <message>
        <source>Tick at least one feature column: the network&apos;s inputs.</source>
        <extracomment>separators the user may pick when the guess is wrong</extracomment>
        <translation>Marca al menos una columna de variables: las entradas de la red.</translation>
    </message>
    <message>
        <source>Not numeric in the first rows: %1. Importing will say where, if you keep them ticked.</source>
        <translation>No numéricas en las primeras filas: %1. Si las dejas marcadas, al importar se indicará dónde.</translation>
    </message>
    <message>
        <source>The features are standardised: x&apos; = (x − mean) / standard deviation, both measured on the training part only.</source>
        <translation>Las variables se estandarizan: x&apos; = (x − media) / desviación típica, ambas medidas solo en la parte de entrenamiento.</translation>
    </message>
    <message>
        <source>Two features: the data plot and the decision regions show them.</source>
        <translation>Dos variables: la gráfica de datos y las regiones de decisión las muestran.</translation>
    </message>
    <message>
        <source>%1 features: the data plot draws two, so it stays hidden; everything else works.</source>
        <translation>%1 variables: la gráfica de datos dibuja dos, así que queda oculta; todo lo demás funciona.</translation>
    </message>
    <message>
        <source>Import data</source>
        <translation>Importar datos</translation>
    </message>
    <message>
        <source>File: %1</source>
        <translation>Fichero: %1</translation>
    </message>
    <message>
        <source>Separator:</source>
        <translation>Separador:</translation>
    </message>
    <message>
        <source>Decimal mark:</source>
        <translation>Separador decimal:</translation>
    </message>
    <message>
        <source>What stands between the fields of a row; correct it if the guess is wrong</source>
        <translation>Lo que separa los campos de una fila; corrígelo si no se ha adivinado bien</translation>
    </message>
    <message>
        <source>How the numbers write their decimals: 0.5 or 0,5</source>
        <translation>Cómo escriben los números sus decimales: 0.5 o 0,5</translation>
    </message>
    <message>
        <source>comma</source>
        <translation>coma</translation>
    </message>
    <message>
        <source>semicolon</source>
        <translation>punto y coma</translation>
    </message>
    <message>
        <source>tab</source>
        <translation>tabulador</translation>
    </message>
    <message>
        <source>space</source>
        <translation>espacio</translation>
    </message>
    <message>
        <source>Text encoding: %1 (detected). Below, the separator, the decimal mark and the header row as guessed: correct them if the columns look wrong.</source>
        <translation>Codificación del texto: %1 (detectada). Debajo, el separador, el separador decimal y la fila de encabezado tal como se han adivinado: corrígelos si las columnas no se ven bien.</translation>
    </message>
    <message>
        <source>UTF-8 with BOM</source>
        <translation>UTF-8 con BOM</translation>
    </message>
    <message>
        <source>the first row names the columns</source>
        <translation>la primera fila da nombre a las columnas</translation>
    </message>
    <message>
        <source>Label (what to predict):</source>
        <translation>Etiqueta (qué predecir):</translation>
    </message>
    <message>
        <source>Features (inputs):</source>
        <translation>Variables (entradas):</translation>
    </message>
    <message>
        <source>The label is:</source>
        <translation>La etiqueta es:</translation>
    </message>
    <message>
        <source>Held out for validation:</source>
        <translation>Apartado para validación:</translation>
    </message>
    <message>
        <source>The column the network learns to predict</source>
        <translation>La columna que la red aprende a predecir</translation>
    </message>
    <message>
        <source>The columns given to the network as inputs</source>
        <translation>Las columnas que recibe la red como entradas</translation>
    </message>
    <message>
        <source>decided from the values (names or a few whole numbers: classes)</source>
        <translation>según los valores (nombres o unos pocos números enteros: clases)</translation>
    </message>
    <message>
        <source>a class (one output per class)</source>
        <translation>una clase (una salida por clase)</translation>
    </message>
    <message>
        <source>a number to predict (regression: identity output, MSE)</source>
        <translation>un número que predecir (regresión: salida identidad, MSE)</translation>
    </message>
    <message>
        <source>The share of rows the network never trains on: the validation curve measures them</source>
        <translation>La parte de las filas con la que la red nunca entrena: la curva de validación las mide</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importar</translation>
    </message>
</context>
<context>
    <name>DataLoader</name>
    <message>
        <source>The data does not fit in this computer&apos;s memory.</source>
        <extracomment>``job(progress, cancelled) -&gt; Dataset``</extracomment>
        <translation>Los datos no caben en la memoria de este equipo.</translation>
    </message>
    <message>
        <source>The data could not be read because of an error in nnviz: %1</source>
        <translation>No se han podido leer los datos por un error de nnviz: %1</translation>
    </message>
</context>
<context>
    <name>DataView</name>
    <message>
        <source>misclassified</source>
        <extracomment>label each sample with its d when there are at most this many True: set_dataset does not reframe the view (points being drawn)</extracomment>
        <translation>mal clasificados</translation>
    </message>
    <message>
        <source>sample {0}: x = {1} · {2} ({3})</source>
        <translation>muestra {0}: x = {1} · {2} ({3})</translation>
    </message>
    <message>
        <source>These samples have {0} inputs: only 2-D data is drawn here.</source>
        <translation>Estas muestras tienen {0} entradas: aquí solo se dibujan datos en 2-D.</translation>
    </message>
    <message>
        <source>sample x = {0}, desired output d = {1}</source>
        <translation>muestra x = {0}, salida deseada d = {1}</translation>
    </message>
    <message>
        <source>samples x, each with its desired output d (numbers, not classes)</source>
        <translation>muestras x, cada una con su salida deseada d (números, no clases)</translation>
    </message>
    <message>
        <source>value</source>
        <translation>valor</translation>
    </message>
    <message>
        <source>%1 (colour of each point; the map: the network&apos;s output)</source>
        <translation>%1 (color de cada punto; el mapa: la salida de la red)</translation>
    </message>
    <message>
        <source>%1 (standardised)</source>
        <translation>%1 (estandarizada)</translation>
    </message>
    <message>
        <source>class {0}</source>
        <translation>clase {0}</translation>
    </message>
    <message>
        <source>training</source>
        <translation>entrenamiento</translation>
    </message>
    <message>
        <source>validation</source>
        <translation>validación</translation>
    </message>
</context>
<context>
    <name>DescentView</name>
    <message>
        <source>η</source>
        <extracomment>seconds the paths take to draw the curve follows new weights at most this often (ms) the trainer&apos;s batch order (a training lesson&apos;s config); a stepper lesson takes the samples in order: ``shuffle`` False the view takes η and the batch size again when this changes (a new lesson)</extracomment>
        <translation>η</translation>
    </message>
    <message>
        <source>The learning rate η: each update moves the weight by −η ∂E/∂ω. Too large, and the step lands past the minimum, higher than it started</source>
        <translation>La tasa de aprendizaje η: cada actualización mueve el peso −η ∂E/∂ω. Si es demasiado grande, el paso cae más allá del mínimo, más alto de lo que empezó</translation>
    </message>
    <message>
        <source>Mini-batch</source>
        <translation>Lote</translation>
    </message>
    <message>
        <source>The samples per update of the middle path (the others: all, and 1)</source>
        <translation>Las muestras por actualización del camino intermedio (los otros: todas, y 1)</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>Épocas</translation>
    </message>
    <message>
        <source>How many passes over the data each path makes</source>
        <translation>Cuántas pasadas por los datos hace cada camino</translation>
    </message>
    <message>
        <source>Redraw</source>
        <translation>Redibujar</translation>
    </message>
    <message>
        <source>Draw the map and the paths again around the network&apos;s current weights</source>
        <translation>Dibuja de nuevo el mapa y los caminos alrededor de los pesos actuales de la red</translation>
    </message>
    <message>
        <source>Computing the error at every point of the map</source>
        <translation>Calculando el error en cada punto del mapa</translation>
    </message>
    <message>
        <source>The error E along one weight, the others fixed: the dot is the network now, the dashed line its tangent (slope ∂E/∂ω), the arrow the step −η ∂E/∂ω, the ring where it lands</source>
        <translation>El error E a lo largo de un peso, con los demás fijos: el punto es la red ahora, la línea discontinua su tangente (pendiente ∂E/∂ω), la flecha el paso −η ∂E/∂ω y el anillo dónde cae</translation>
    </message>
    <message>
        <source>The error E over two weights (darker is lower; the lines join equal errors) and the path of gradient descent when only these two weights learn: the square is the start, + the network now</source>
        <translation>El error E sobre dos pesos (más oscuro es más bajo; las líneas unen errores iguales) y el camino del descenso del gradiente cuando sólo aprenden estos dos pesos: el cuadrado es el inicio y + la red ahora</translation>
    </message>
    <message>
        <source>error E</source>
        <translation>error E</translation>
    </message>
    <message>
        <source>E along one weight</source>
        <translation>E a lo largo de un peso</translation>
    </message>
    <message>
        <source>Map of two weights</source>
        <translation>Mapa de dos pesos</translation>
    </message>
    <message>
        <source>full batch</source>
        <translation>lote completo</translation>
    </message>
    <message>
        <source>mini-batch of {0}</source>
        <translation>lote de {0}</translation>
    </message>
    <message>
        <source>batch 1</source>
        <translation>lote 1</translation>
    </message>
    <message>
        <source>{0}: E {1}</source>
        <translation>{0}: E {1}</translation>
    </message>
    <message>
        <source>The error E where each path ends: after the same epochs, the full batch has made one update per epoch, batch 1 one per sample</source>
        <translation>El error E donde acaba cada camino: tras las mismas épocas, el lote completo ha hecho una actualización por época y el lote 1, una por muestra</translation>
    </message>
    <message>
        <source>Curve: {0}. Map: {0} and {1}.</source>
        <translation>Curva: {0}. Mapa: {0} y {1}.</translation>
    </message>
    <message>
        <source>Next click: the map&apos;s second weight.</source>
        <translation>Siguiente clic: el segundo peso del mapa.</translation>
    </message>
    <message>
        <source>Click an edge of the network graph: the first click chooses the weight of the curve (also the map&apos;s horizontal axis), the next one the map&apos;s vertical axis, and so on in turn</source>
        <translation>Haz clic en una conexión del grafo de la red: el primer clic elige el peso de la curva (también el eje horizontal del mapa), el siguiente el eje vertical del mapa, y así por turnos</translation>
    </message>
    <message>
        <source>{0} = {1}: E = {2}. This network&apos;s activation has no derivative (f′ is 0 or undefined): E has flat steps, and there is no slope to follow.</source>
        <translation>{0} = {1}: E = {2}. La activación de esta red no tiene derivada (f′ es 0 o no está definida): E tiene escalones planos y no hay pendiente que seguir.</translation>
    </message>
    <message>
        <source>{0} = {1}: E = {2}, ∂E/∂ω = {3}; step −η ∂E/∂ω = {4} → E = {5}</source>
        <translation>{0} = {1}: E = {2}, ∂E/∂ω = {3}; paso −η ∂E/∂ω = {4} → E = {5}</translation>
    </message>
    <message>
        <source>(higher: η is too large)</source>
        <translation>(más alto: η es demasiado grande)</translation>
    </message>
    <message>
        <source>This cannot be computed ({0}).</source>
        <translation>Esto no se puede calcular ({0}).</translation>
    </message>
</context>
<context>
    <name>DrawDigitPanel</name>
    <message>
        <source>Draw a digit with the mouse or a pen. Right click or Esc clears the pad.</source>
        <extracomment>on-screen pixels per input pixel of the small &quot;what the network sees&quot; picture at most one run through the network per this many milliseconds while drawing the input last fed to the model (to take it back on Clear), or None the pad&apos;s ``generation`` that the model shows now (-1: none) the weights changed while the panel was out of sight</extracomment>
        <translation>Dibuja un dígito con el ratón o con un lápiz. Un clic derecho o Esc borra el lienzo.</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Borrar</translation>
    </message>
    <message>
        <source>Empty the pad (Esc, or a right click on it)</source>
        <translation>Vaciar el lienzo (Esc o un clic derecho sobre él)</translation>
    </message>
    <message>
        <source>Draw: the network answers as you draw.</source>
        <translation>Dibuja: la red responde mientras dibujas.</translation>
    </message>
    <message>
        <source>The network reads: {0} ({1} %)</source>
        <translation>La red lee: {0} ({1} %)</translation>
    </message>
    <message>
        <source>Drawing needs a network with 784 inputs (a 28×28 image, MNIST) or 64 inputs (8×8, the digits lesson); the network on show has {0}.</source>
        <translation>Para dibujar hace falta una red con 784 entradas (una imagen de 28×28, MNIST) o con 64 entradas (8×8, la lección de dígitos); la red en pantalla tiene {0}.</translation>
    </message>
    <message>
        <source>What the network gets: {0}×{0}, preprocessed as its training images</source>
        <translation>Lo que recibe la red: {0}×{0}, preprocesado como sus imágenes de entrenamiento</translation>
    </message>
</context>
<context>
    <name>DrawingTools</name>
    <message>
        <source>Save points as CSV</source>
        <extracomment>a stroke places a point every (width on show / STROKE_STEPS) data units right click / Shift+click removes the nearest point within this many pixels the only events the filters look at (nothing else touches the widgets, which matters while the window is being torn down) draw mode switched on (True) or off the points changed (a point, each piece of a stroke, a removal, Clear, an undo)</extracomment>
        <translation>Guardar puntos como CSV</translation>
    </message>
    <message>
        <source>CSV tables (*.csv)</source>
        <translation>Tablas CSV (*.csv)</translation>
    </message>
    <message>
        <source>Draw points of {0} (key {1})</source>
        <translation>Dibujar puntos de {0} (tecla {1})</translation>
    </message>
    <message>
        <source>No points yet: click to add one, drag to paint a stroke.</source>
        <translation>Aún no hay puntos: haz clic para añadir uno, arrastra para pintar un trazo.</translation>
    </message>
    <message>
        <source>{0} points · {1} % of each class held out for validation</source>
        <translation>{0} puntos · {1} % de cada clase apartado para validación</translation>
    </message>
    <message>
        <source>{0} points · all of them are used for training (a validation part needs {1} points of each class)</source>
        <translation>{0} puntos · todos se usan para entrenar (una parte de validación necesita {1} puntos de cada clase)</translation>
    </message>
    <message>
        <source>{0} points · all of them are used for training</source>
        <translation>{0} puntos · todos se usan para entrenar</translation>
    </message>
    <message>
        <source>saved to {0}</source>
        <translation>guardados en {0}</translation>
    </message>
    <message>
        <source>Draw</source>
        <translation>Dibujar</translation>
    </message>
    <message>
        <source>Draw your own data: click adds a point of the chosen class, a drag paints a stroke, right click or Shift+click removes the nearest point, Ctrl+Z undoes, keys 1-9 choose the class</source>
        <translation>Dibuja tus propios datos: un clic añade un punto de la clase elegida, arrastrar pinta un trazo, el clic derecho o Mayús+clic quita el punto más cercano, Ctrl+Z deshace, las teclas 1-9 eligen la clase</translation>
    </message>
    <message>
        <source>Add a class (up to nine)</source>
        <translation>Añadir una clase (hasta nueve)</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Deshacer</translation>
    </message>
    <message>
        <source>Take back the last point, stroke, removal or Clear (Ctrl+Z)</source>
        <translation>Deshacer el último punto, trazo, borrado o «Borrar» (Ctrl+Z)</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Borrar</translation>
    </message>
    <message>
        <source>Remove every point (Ctrl+Z brings them back)</source>
        <translation>Quitar todos los puntos (Ctrl+Z los recupera)</translation>
    </message>
    <message>
        <source>Save points as CSV…</source>
        <translation>Guardar puntos como CSV…</translation>
    </message>
    <message>
        <source>Write the points to a CSV table: x1, x2, label</source>
        <translation>Escribir los puntos en una tabla CSV: x1, x2, label</translation>
    </message>
</context>
<context>
    <name>EpochMarkers</name>
    <message>
        <source>best epoch {0}</source>
        <translation>mejor época {0}</translation>
    </message>
</context>
<context>
    <name>ErrorPlot</name>
    <message>
        <source>update</source>
        <translation>actualización</translation>
    </message>
    <message>
        <source>error E</source>
        <translation>error E</translation>
    </message>
    <message>
        <source>E on the update&apos;s sample</source>
        <translation>E en la muestra de la actualización</translation>
    </message>
    <message>
        <source>mean E over all samples, after</source>
        <translation>E media sobre todas las muestras, después</translation>
    </message>
</context>
<context>
    <name>FormulaView</name>
    <message>
        <source>The formula of the current step: as on the slide, with its numbers, and the result.</source>
        <extracomment>formula size in pixels at scale 1 caption size in points at scale 1 mathtext font set: Computer Modern, the look of the slides&apos; LaTeX roles a piece can take; each has its own colour the smallest fraction of its natural size a formula is drawn at when the panel is shorter than its content (a 768-pixel projector at scale 2) is 1/scale: never smaller than at scale 1, which reads from the back row of a classroom; at scale 1 a formula is never shrunk (it always has the room) a muted sentence under the note (why the slide&apos;s form differs) the tallest content so far: the panel never shrinks while stepping, so the panels below do not jump on the projector</extracomment>
        <translation>La fórmula del paso actual: como en la diapositiva, con sus números y el resultado.</translation>
    </message>
</context>
<context>
    <name>GraphPainting</name>
    <message>
        <source>Neural network</source>
        <extracomment>up to this many drawn edges the lines are antialiased (it doubles the cost)</extracomment>
        <translation>Red neuronal</translation>
    </message>
</context>
<context>
    <name>HiddenMaps</name>
    <message>
        <source>hidden layer {0}</source>
        <extracomment>at most this many hidden-neuron maps per layer (wider layers show their first ones) cells per side of the hidden-neuron maps (drawn ~56 px wide) grids while training runs (the picture moves; sharpness returns when it stops) multiply-adds of a live picture beyond which none is drawn while training runs False: a row of maps per layer (under the data); True: a column (beside it)</extracomment>
        <translation>capa oculta {0}</translation>
    </message>
    <message>
        <source>layer {0}</source>
        <extracomment>a column&apos;s heading, where there is little room</extracomment>
        <translation>capa {0}</translation>
    </message>
</context>
<context>
    <name>ImageViews</name>
    <message>
        <source>validation</source>
        <extracomment>a table&apos;s side: why the data plot is hidden</extracomment>
        <translation>validación</translation>
    </message>
    <message>
        <source>training</source>
        <translation>entrenamiento</translation>
    </message>
    <message>
        <source>{0}, first {1} of {2}</source>
        <translation>{0}, primeras {1} de {2}</translation>
    </message>
    <message>
        <source>The data plot is hidden: this data has {0} features per sample and the plot draws two. The curves, the network and its weights work as usual.</source>
        <translation>La gráfica de datos está oculta: estos datos tienen {0} variables por muestra y la gráfica dibuja dos. Las curvas, la red y sus pesos funcionan como siempre.</translation>
    </message>
    <message>
        <source>The label is a number to predict (regression): there are no classes to count, so the error curves are the measure.</source>
        <translation>La etiqueta es un número que predecir (regresión): no hay clases que contar, así que la medida son las curvas de error.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Save them before opening another lesson?</source>
        <extracomment>file name endings of PyTorch weights (File → Import PyTorch weights…) the smallest window (px): below the lesson&apos;s text the network graph keeps its own minimum (320x240) beside the formulas, and the window still fits an 800x600 screen; the panels may ask for more (training: about 840x570) remember geometry and language on close (off for ``nnviz shot``) ask to save trained weights before closing: the interactive app turns it on (``nnviz.gui.window.app``); tests and ``nnviz shot`` leave it off a training run changed the weights since the lesson opened or was saved the session file on show (File → Save session writes there), or None a digit drawn for an image network to read (the &quot;Draw a digit&quot; dock) reads imported tables in the background (File -&gt; Import data…) fits the docks to the window&apos;s size and scale (a projector&apos;s 1024x768 to 1920x1080)</extracomment>
        <translation>¿Guardarlos antes de abrir otra lección?</translation>
    </message>
    <message>
        <source>This cannot be shown ({0}).</source>
        <translation>Esto no se puede mostrar ({0}).</translation>
    </message>
</context>
<context>
    <name>MistakesGallery</name>
    <message>
        <source>validation</source>
        <extracomment>tiles shown at most (the most confident mistakes) on-screen size of a tile&apos;s image at scale 1, about (whole pixels per image pixel) a tile was clicked: its position in the list of mistakes ... and the recount takes at most this share of the GUI thread while weights change an image was fed through the network: its row in the samples given &quot;val&quot; or &quot;train&quot; when the part is a data set&apos;s (its name follows the language) the row of the samples whose image the network shows from a click here (-1: none) seconds the last count and tiles took which images of a data set with a test part: validation or test</extracomment>
        <translation>validación</translation>
    </message>
    <message>
        <source>training</source>
        <translation>entrenamiento</translation>
    </message>
    <message>
        <source>test</source>
        <translation>prueba</translation>
    </message>
    <message>
        <source>Validation images</source>
        <translation>Imágenes de validación</translation>
    </message>
    <message>
        <source>Test images</source>
        <translation>Imágenes de prueba</translation>
    </message>
    <message>
        <source>Looking at the test images&apos; mistakes is fine; choosing settings by them is not: the test accuracy would then no longer measure images the network has never been fitted to.</source>
        <translation>Mirar los fallos en las imágenes de prueba está bien; elegir los ajustes según ellos, no: la exactitud en el conjunto de prueba dejaría de medir imágenes a las que la red nunca se ha ajustado.</translation>
    </message>
    <message>
        <source>No image data to check: the mistakes of an image classifier show here.</source>
        <translation>No hay datos de imágenes que revisar: aquí se muestran los fallos de un clasificador de imágenes.</translation>
    </message>
    <message>
        <source>Every {0} image ({1}) is classified right.</source>
        <translation>Todas las imágenes de {0} ({1}) están bien clasificadas.</translation>
    </message>
    <message>
        <source>{0} of {1} {2} images misclassified, the most confident mistakes first. Click one to feed it through the network.</source>
        <translation>{0} de {1} imágenes de {2} mal clasificadas; primero, los fallos en los que la red estaba más segura. Haz clic en una para pasarla por la red.</translation>
    </message>
    <message>
        <source>Showing the first {0}.</source>
        <translation>Se muestran los {0} primeros.</translation>
    </message>
    <message>
        <source>said {0}</source>
        <translation>dice {0}</translation>
    </message>
    <message>
        <source>is {0}</source>
        <translation>es {0}</translation>
    </message>
    <message>
        <source>The network said {0} ({1} % sure); it is {2}. Sample {3} of the set.</source>
        <translation>La red dijo {0} (con un {1} % de seguridad); es {2}. Muestra {3} del conjunto.</translation>
    </message>
</context>
<context>
    <name>NetworkModel</name>
    <message>
        <source>Edit weight ω</source>
        <extracomment>the layer sizes or activations changed: rebuild geometry weights and/or biases changed (same architecture): recolour neuron outputs for the current sample changed (list per layer, or empty) the selected neuron changed: (layer, index) or (-1, -1) dropout masks changed (list per layer of bool arrays, True = dropped) the names of the classes the output neurons stand for changed</extracomment>
        <translation>Editar el peso ω</translation>
    </message>
    <message>
        <source>Edit bias b</source>
        <translation>Editar el sesgo b</translation>
    </message>
</context>
<context>
    <name>NetworkView</name>
    <message>
        <source>Input layer</source>
        <extracomment>an edge was clicked and its editor opened: (weight layer, j, k) the mouse moved onto neuron (layer, i) of the graph; (-1, -1): off every neuron edge index -&gt; value written on it while lit (set_highlight&apos;s labels) background, captions and edges as last painted, and what they were painted for the next repaint is for new neuron outputs only (see _update_outputs) seconds a repaint takes (a running mean): outputs-only repaints are spaced by it</extracomment>
        <translation>Capa de entrada</translation>
    </message>
    <message>
        <source>Hidden layer</source>
        <translation>Capa oculta</translation>
    </message>
    <message>
        <source>Hidden layers</source>
        <translation>Capas ocultas</translation>
    </message>
    <message>
        <source>Output layer</source>
        <translation>Capa de salida</translation>
    </message>
    <message>
        <source>Weight ω (colour and width)</source>
        <translation>Peso ω (color y grosor)</translation>
    </message>
    <message>
        <source>Neuron output (fill)</source>
        <translation>Salida de la neurona (relleno)</translation>
    </message>
    <message>
        <source>Neuron output: no sample shown</source>
        <translation>Salida de la neurona: sin muestra</translation>
    </message>
    <message>
        <source>±{0}: follows max |ω|</source>
        <translation>±{0}: sigue el máximo |ω|</translation>
    </message>
    <message>
        <source>±{0}: fixed</source>
        <translation>±{0}: fija</translation>
    </message>
    <message>
        <source>All {0} edges shown.</source>
        <translation>Se muestran las {0} conexiones.</translation>
    </message>
    <message>
        <source>{0} of {1} edges: a dropped neuron&apos;s are left out.</source>
        <translation>{0} de {1} conexiones: las de una neurona apagada no se dibujan.</translation>
    </message>
    <message>
        <source>Showing the strongest {0} of {1} edges.</source>
        <translation>Se muestran las {0} conexiones más fuertes de {1}.</translation>
    </message>
    <message>
        <source>Edges with |ω| &lt; {0} hidden.</source>
        <translation>Conexiones con |ω| &lt; {0} ocultas.</translation>
    </message>
    <message>
        <source>{0} neurons</source>
        <translation>{0} neuronas</translation>
    </message>
    <message>
        <source>{0}×{1} image</source>
        <translation>imagen de {0}×{1}</translation>
    </message>
    <message>
        <source>Input image x (grid of {0}×{1} neurons)</source>
        <translation>Imagen de entrada x (rejilla de {0}×{1} neuronas)</translation>
    </message>
    <message>
        <source>Weights into {0}, scale ±{1} (receptive field)</source>
        <translation>Pesos que llegan a {0}, escala ±{1} (campo receptivo)</translation>
    </message>
    <message>
        <source>Selected {0}: output {1}, bias {2}.</source>
        <translation>Seleccionada {0}: salida {1}, sesgo {2}.</translation>
    </message>
    <message>
        <source>Selected {0}: value {1}.</source>
        <translation>Seleccionada {0}: valor {1}.</translation>
    </message>
    <message>
        <source>{0} = {1}&lt;br&gt;from {2} to {3}&lt;br&gt;&lt;i&gt;Click to edit&lt;/i&gt;</source>
        <translation>{0} = {1}&lt;br&gt;de {2} a {3}&lt;br&gt;&lt;i&gt;Clic para editar&lt;/i&gt;</translation>
    </message>
    <message>
        <source>{0} = {1}&lt;br&gt;bias of {2}&lt;br&gt;&lt;i&gt;Click to edit&lt;/i&gt;</source>
        <translation>{0} = {1}&lt;br&gt;sesgo de {2}&lt;br&gt;&lt;i&gt;Clic para editar&lt;/i&gt;</translation>
    </message>
    <message>
        <source>{0} = {1}</source>
        <translation>{0} = {1}</translation>
    </message>
    <message>
        <source>{0}: no value yet</source>
        <translation>{0}: aún sin valor</translation>
    </message>
    <message>
        <source>switched off by dropout</source>
        <translation>apagada por dropout</translation>
    </message>
    <message>
        <source>dropped this batch (dropout p = {0})</source>
        <translation>apagada en este lote (dropout p = {0})</translation>
    </message>
    <message>
        <source>✕ {0} neurons dropped this batch (dropout p = {1}; its first sample&apos;s mask).</source>
        <translation>✕ {0} neuronas apagadas en este lote (dropout p = {1}; la máscara de su primera muestra).</translation>
    </message>
    <message>
        <source>row {0}, column {1}</source>
        <translation>fila {0}, columna {1}</translation>
    </message>
    <message>
        <source>stands for class {0}</source>
        <translation>representa la clase {0}</translation>
    </message>
    <message>
        <source>Export image…</source>
        <translation>Exportar imagen…</translation>
    </message>
    <message>
        <source>Export the network graph</source>
        <translation>Exportar el grafo de la red</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG drawing (*.svg)</source>
        <translation>Imagen PNG (*.png);;Dibujo SVG (*.svg)</translation>
    </message>
    <message>
        <source>Colour scale follows max |ω|</source>
        <translation>La escala de color sigue el máximo |ω|</translation>
    </message>
    <message>
        <source>Fix colour scale at ±{0}</source>
        <translation>Fijar la escala de color en ±{0}</translation>
    </message>
    <message>
        <source>Hide weak edges</source>
        <translation>Ocultar conexiones débiles</translation>
    </message>
    <message>
        <source>Show all edges</source>
        <translation>Mostrar todas las conexiones</translation>
    </message>
    <message>
        <source>|ω| below {0}% of the scale</source>
        <translation>|ω| por debajo del {0}% de la escala</translation>
    </message>
</context>
<context>
    <name>PanelControls</name>
    <message>
        <source>Train</source>
        <extracomment>the speeds offered, in epochs a second (0: full speed)</extracomment>
        <translation>Entrenar</translation>
    </message>
    <message>
        <source>Train from the current weights for the chosen number of epochs</source>
        <translation>Entrenar desde los pesos actuales durante el número de épocas elegido</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pausa</translation>
    </message>
    <message>
        <source>Pause training; the views keep the last state</source>
        <translation>Pausar el entrenamiento; las vistas conservan el último estado</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Reanudar</translation>
    </message>
    <message>
        <source>Continue a paused training</source>
        <translation>Continuar un entrenamiento en pausa</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Detener</translation>
    </message>
    <message>
        <source>End the run after the current batch; Train continues from there</source>
        <translation>Terminar tras el lote actual; «Entrenar» continúa desde ahí</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>Reiniciar</translation>
    </message>
    <message>
        <source>Stop and go back to the initial weights; the curves stay faint for comparison</source>
        <translation>Detener y volver a los pesos iniciales; las curvas quedan tenues para comparar</translation>
    </message>
    <message>
        <source>Epochs done of the epochs asked for</source>
        <translation>Épocas hechas de las épocas pedidas</translation>
    </message>
    <message>
        <source>&amp;Speed:</source>
        <translation>&amp;Velocidad:</translation>
    </message>
    <message>
        <source>full speed</source>
        <translation>máxima velocidad</translation>
    </message>
    <message>
        <source>1 epoch/s</source>
        <translation>1 época/s</translation>
    </message>
    <message>
        <source>{0} epochs/s</source>
        <translation>{0} épocas/s</translation>
    </message>
    <message>
        <source>Slow motion: at most this many epochs a second, each one shown, so that a class can watch the weights and the regions change. It applies at once, also while training.</source>
        <translation>Cámara lenta: como mucho estas épocas por segundo, mostrando cada una, para que la clase vea cambiar los pesos y las regiones. Se aplica al momento, también mientras entrena.</translation>
    </message>
    <message>
        <source>epoch {0} · {1} updates</source>
        <translation>época {0} · {1} actualizaciones</translation>
    </message>
    <message>
        <source>accuracy {0}%</source>
        <translation>exactitud {0}%</translation>
    </message>
    <message>
        <source>error E {0}</source>
        <translation>error E {0}</translation>
    </message>
    <message>
        <source>{0:.0f} epochs/s</source>
        <translation>{0:.0f} épocas/s</translation>
    </message>
    <message>
        <source>Device: {0}.</source>
        <translation>Dispositivo: {0}.</translation>
    </message>
    <message>
        <source>Which engine trains and why: the compiled engine (numba) for small networks on the CPU, PyTorch for the rest. Change it under Hardware.</source>
        <translation>Qué motor entrena y por qué: el motor compilado (numba) para redes pequeñas en la CPU, PyTorch para el resto. Se cambia en Hardware.</translation>
    </message>
    <message>
        <source>the point shown in the network</source>
        <translation>el punto que se muestra en la red</translation>
    </message>
    <message>
        <source>Press Reset, set η to a tenth and train again.</source>
        <translation>Pulsa Reiniciar, reduce η a la décima parte y vuelve a entrenar.</translation>
    </message>
</context>
<context>
    <name>PanelDrawnData</name>
    <message>
        <source>There are no points to train on: draw some points first.</source>
        <extracomment>the panel&apos;s data are the drawn points the validation share asked for (the form&apos;s, when drawing began)</extracomment>
        <translation>No hay puntos con los que entrenar: dibuja primero algunos puntos.</translation>
    </message>
    <message>
        <source>No points left: the training goes on with the points it had.</source>
        <translation>No quedan puntos: el entrenamiento sigue con los puntos que tenía.</translation>
    </message>
    <message>
        <source>The new class trains once the run has ended.</source>
        <translation>La nueva clase se entrenará cuando termine la ejecución.</translation>
    </message>
</context>
<context>
    <name>PanelRunControl</name>
    <message>
        <source>Reset the weights</source>
        <extracomment>snapshots a second the worker sends, by engine (the compiled engine: a little above the ~12 frames a second the views get, so that each frame has a new one; torch: about the frames its views get at their duty; each snapshot costs the worker a copy and wakes the GUI thread, which takes the GIL) the interpreter&apos;s thread switch interval while the compiled engine runs. It releases the GIL for ~10 ms of epochs, then needs it for a moment; with Python&apos;s default 5 ms a GUI thread busy in Python (a repaint) made it wait up to 5 ms each time, and the trainer lost half its speed. (The torch loop needs the GIL between operations: a frame painted in Python held up each of its operations up to the interval, so it gets a short one too.) the engine line&apos;s (engine, core reason), to say it again in another language (trained weights, epochs, updates) before the last Reset, for its undo the optimizer&apos;s memory at the end of the last run and the weights it belongs to: the next run goes on from it while those weights are on show watches the run for an error that grows (η too large): said, the run goes on</extracomment>
        <translation>Reiniciar los pesos</translation>
    </message>
    <message>
        <source>Trained {0} epochs.</source>
        <translation>Entrenadas {0} épocas.</translation>
    </message>
    <message>
        <source>Stopped after epoch {0}.</source>
        <translation>Detenido tras la época {0}.</translation>
    </message>
    <message>
        <source>Early stopping after epoch {0}: no improvement for {1} epochs; best epoch {2}.</source>
        <translation>Parada temprana tras la época {0}: sin mejora durante {1} épocas; mejor época {2}.</translation>
    </message>
    <message>
        <source>Its weights were restored.</source>
        <translation>Se restauraron sus pesos.</translation>
    </message>
</context>
<context>
    <name>PerceptronPanel</name>
    <message>
        <source>Epoch {0}, sample {1}: is it on the right side of the line?</source>
        <extracomment>after every move True while this panel itself changes the model&apos;s weights</extracomment>
        <translation>Época {0}, muestra {1}: ¿está en el lado correcto de la recta?</translation>
    </message>
    <message>
        <source>Decision line:</source>
        <translation>Recta de decisión:</translation>
    </message>
    <message>
        <source>Decision plane:</source>
        <translation>Plano de decisión:</translation>
    </message>
    <message>
        <source>On the slide:</source>
        <translation>En la diapositiva:</translation>
    </message>
    <message>
        <source>misclassified: it moves the line</source>
        <translation>mal clasificada: mueve la recta</translation>
    </message>
    <message>
        <source>sample on show</source>
        <translation>muestra actual</translation>
    </message>
    <message>
        <source>Epoch {0} · sample {1} of {2} · mistakes in this epoch so far: {3} · η = {4}</source>
        <translation>Época {0} · muestra {1} de {2} · errores en esta época hasta ahora: {3} · η = {4}</translation>
    </message>
    <message>
        <source>Converged after {0} epochs: a whole epoch without mistakes. The plane separates the two classes, so the rule changes nothing more.</source>
        <translation>Ha convergido tras {0} épocas: una época entera sin errores. El plano separa las dos clases, así que la regla ya no cambia nada más.</translation>
    </message>
    <message>
        <source>Converged after {0} epochs: a whole epoch without mistakes. The line separates the two classes, so the rule changes nothing more.</source>
        <translation>Ha convergido tras {0} épocas: una época entera sin errores. La recta separa las dos clases, así que la regla ya no cambia nada más.</translation>
    </message>
    <message>
        <source>After {0} epochs the plane still has not settled: every epoch some point is on the wrong side. It never will: the classes are not linearly separable, no plane puts each class on its own side. A hidden layer is needed.</source>
        <translation>Tras {0} épocas el plano aún no se ha estabilizado: en cada época algún punto queda en el lado equivocado. Nunca lo hará: las clases no son linealmente separables, ningún plano deja cada clase en su propio lado. Hace falta una capa oculta.</translation>
    </message>
    <message>
        <source>After {0} epochs the line still has not settled: every epoch some point is on the wrong side. It never will: the classes are not linearly separable, no straight line puts each class on its own side. A hidden layer is needed (lesson “XOR with a 2-2-1 multilayer perceptron”).</source>
        <translation>Tras {0} épocas la recta aún no se ha estabilizado: en cada época algún punto queda en el lado equivocado. Nunca lo hará: las clases no son linealmente separables, ninguna recta deja cada clase en su propio lado. Hace falta una capa oculta (lección «XOR con un perceptrón multicapa 2-2-1»).</translation>
    </message>
    <message>
        <source>The weights at the end of epoch {0} were already those of the end of epoch {1}: the rule goes round in a circle for ever.</source>
        <translation>Los pesos al final de la época {0} ya eran los del final de la época {1}: la regla da vueltas en un ciclo sin fin.</translation>
    </message>
    <message>
        <source>The rule goes on until an epoch without mistakes (at most {0} epochs).</source>
        <translation>La regla continúa hasta una época sin errores (como máximo {0} épocas).</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>época</translation>
    </message>
    <message>
        <source>mistakes (corrections)</source>
        <translation>errores (correcciones)</translation>
    </message>
</context>
<context>
    <name>PlotExport</name>
    <message>
        <source>Export loss plot as PNG</source>
        <translation>Exportar la gráfica de error como PNG</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>Imágenes PNG (*.png)</translation>
    </message>
    <message>
        <source>Export metrics as CSV</source>
        <translation>Exportar las métricas como CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Ficheros CSV (*.csv)</translation>
    </message>
</context>
<context>
    <name>Presentation</name>
    <message>
        <source>&amp;Presentation mode</source>
        <translation>Modo &amp;presentación</translation>
    </message>
    <message>
        <source>Full screen with large fonts and a hint of the keys (F11)</source>
        <translation>Pantalla completa con letra grande y un recordatorio de las teclas (F11)</translation>
    </message>
    <message>
        <source>&amp;Larger</source>
        <translation>Más &amp;grande</translation>
    </message>
    <message>
        <source>&amp;Smaller</source>
        <translation>Más &amp;pequeño</translation>
    </message>
    <message>
        <source>&amp;High contrast</source>
        <translation>Alto &amp;contraste</translation>
    </message>
    <message>
        <source>Space/→ next · ← back · R reset · F11 leave presentation · Ctrl± size</source>
        <translation>Espacio/→ siguiente · ← atrás · R reiniciar · F11 salir de la presentación · Ctrl± tamaño</translation>
    </message>
</context>
<context>
    <name>ProbabilityBars</name>
    <message>
        <source>{0} %</source>
        <translation>{0} %</translation>
    </message>
</context>
<context>
    <name>PytorchStructurePanel</name>
    <message>
        <source>The basic structure of a network in PyTorch, for the network on show: the class Net (its architecture in __init__, its forward method), the instance, the loss function, the optimizer and the loop. The same lines as File → Export → PyTorch script; the lit line is what the stepper or the training is doing now.</source>
        <extracomment>the stepper&apos;s phase -&gt; the loop&apos;s stage whose line it lights (None: before the first step) the fastest training pace (epochs a second) at which the light walks the loop&apos;s lines the text&apos;s size in points at scale 1 (the panels&apos; size; it grows with the scale) the code keeps room for this many lines: the lit line with the loop&apos;s lines around it what is lit: a stage of LOOP_STAGES, &quot;loop&quot; (the whole loop) or None</extracomment>
        <translation>La estructura básica de una red en PyTorch, para la red que se muestra: la clase Net (su arquitectura en __init__, su método forward), la instancia, la función de pérdida, el optimizador y el bucle. Las mismas líneas que Fichero → Exportar → Script de PyTorch; la línea iluminada es lo que hace ahora el paso a paso o el entrenamiento.</translation>
    </message>
</context>
<context>
    <name>ReceptiveFieldGallery</name>
    <message>
        <source>First-layer weights as images (receptive fields)</source>
        <extracomment>how titles are drawn: wrapped at word boundaries, left-aligned</extracomment>
        <translation>Pesos de la primera capa como imágenes (campos receptivos)</translation>
    </message>
    <message>
        <source>The input is not an image: no receptive fields to show.</source>
        <translation>La entrada no es una imagen: no hay campos receptivos que mostrar.</translation>
    </message>
</context>
<context>
    <name>RegionsView</name>
    <message>
        <source>lines of the first layer</source>
        <extracomment>the grid of the picture on show (0: none yet) pictures of big networks, computed in a background thread</extracomment>
        <translation>rectas de la primera capa</translation>
    </message>
    <message>
        <source>Draw each first-layer neuron&apos;s line ω₁ₖ·x₁ + ω₂ₖ·x₂ + bₖ = 0: a hidden layer combines lines</source>
        <translation>Dibuja la recta ω₁ₖ·x₁ + ω₂ₖ·x₂ + bₖ = 0 de cada neurona de la primera capa: una capa oculta combina rectas</translation>
    </message>
    <message>
        <source>hidden-neuron maps</source>
        <translation>mapas de las neuronas ocultas</translation>
    </message>
    <message>
        <source>Show every hidden neuron&apos;s output over the plane, as TensorFlow Playground</source>
        <translation>Muestra la salida de cada neurona oculta sobre el plano, como TensorFlow Playground</translation>
    </message>
    <message>
        <source>misclassified</source>
        <translation>mal clasificados</translation>
    </message>
    <message>
        <source>{0} of {1} points misclassified</source>
        <translation>{0} de {1} puntos mal clasificados</translation>
    </message>
    <message>
        <source>{0} of {1} in validation</source>
        <translation>{0} de {1} en validación</translation>
    </message>
</context>
<context>
    <name>RunsTable</name>
    <message>
        <source>the run on show now</source>
        <extracomment>columns after the label and the differing settings</extracomment>
        <translation>el entrenamiento en pantalla ahora</translation>
    </message>
    <message>
        <source>shown in the plots</source>
        <translation>se muestra en las gráficas</translation>
    </message>
    <message>
        <source>(now)</source>
        <translation>(ahora)</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>No se pudo escribir %1: %2</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>Guardado %1</translation>
    </message>
    <message>
        <source>Export a run</source>
        <translation>Exportar un entrenamiento</translation>
    </message>
    <message>
        <source>CSV tables (*.csv)</source>
        <translation>Tablas CSV (*.csv)</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>Entrenamientos</translation>
    </message>
    <message>
        <source>Every run since the lesson opened: Reset starts a new one. Tick a run to show it in the plots; double-click its name to rename it.</source>
        <translation>Cada entrenamiento desde que se abrió la lección: Reiniciar empieza uno nuevo. Marca uno para verlo en las gráficas; haz doble clic en su nombre para cambiarlo.</translation>
    </message>
    <message>
        <source>shown</source>
        <translation>visible</translation>
    </message>
    <message>
        <source>run</source>
        <translation>entrenamiento</translation>
    </message>
    <message>
        <source>settings that differ</source>
        <translation>ajustes que cambian</translation>
    </message>
    <message>
        <source>best validation loss</source>
        <translation>mejor pérdida de validación</translation>
    </message>
    <message>
        <source>best epoch</source>
        <translation>mejor época</translation>
    </message>
    <message>
        <source>final validation loss</source>
        <translation>pérdida de validación final</translation>
    </message>
    <message>
        <source>final accuracy</source>
        <translation>exactitud final</translation>
    </message>
    <message>
        <source>updates</source>
        <translation>actualizaciones</translation>
    </message>
    <message>
        <source>seconds</source>
        <translation>segundos</translation>
    </message>
    <message>
        <source>Delete run</source>
        <translation>Borrar entrenamiento</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Exportar CSV…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
</context>
<context>
    <name>SettingsForm</name>
    <message>
        <source>{0}: &apos;{1}&apos; is not a number from {2} to {3}; write one like {4}.</source>
        <extracomment>the typed text was not accepted: a sentence for the user</extracomment>
        <translation>{0}: «{1}» no es un número entre {2} y {3}; escribe uno como {4}.</translation>
    </message>
    <message>
        <source>{0}: write numbers separated by semicolons, like &apos;0.5; 0.2&apos;.</source>
        <translation>{0}: escribe números separados por punto y coma, como «0,5; 0,2».</translation>
    </message>
    <message>
        <source>{0}: write numbers separated by commas, like &apos;8, 8&apos;.</source>
        <translation>{0}: escribe números separados por comas, como «8, 8».</translation>
    </message>
    <message>
        <source>Not available on this machine</source>
        <extracomment>a setting the trainer applies at the next batch: (name, value) the data or the layers changed: a new data set and network are needed a number field refused what was typed: the sentence to show as an error</extracomment>
        <translation>No disponible en este equipo</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>Datos</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>Red</translation>
    </message>
    <message>
        <source>Learning</source>
        <translation>Aprendizaje</translation>
    </message>
    <message>
        <source>Regularization (loss = error + λΨ)</source>
        <translation>Regularización (pérdida = error + λΨ)</translation>
    </message>
    <message>
        <source>Hardware</source>
        <translation>Hardware</translation>
    </message>
    <message>
        <source>Early stopping</source>
        <translation>Parada temprana</translation>
    </message>
    <message>
        <source>data set</source>
        <translation>conjunto de datos</translation>
    </message>
    <message>
        <source>Which points to learn: the lesson&apos;s own, or a generated set</source>
        <translation>Qué puntos aprender: los de la lección o un conjunto generado</translation>
    </message>
    <message>
        <source>points n</source>
        <translation>puntos n</translation>
    </message>
    <message>
        <source>How many samples to generate</source>
        <translation>Cuántas muestras generar</translation>
    </message>
    <message>
        <source>noise</source>
        <translation>ruido</translation>
    </message>
    <message>
        <source>Standard deviation of the noise added to each point</source>
        <translation>Desviación típica del ruido añadido a cada punto</translation>
    </message>
    <message>
        <source>data seed</source>
        <translation>semilla de los datos</translation>
    </message>
    <message>
        <source>Seed of the generator and of the train/validation split</source>
        <translation>Semilla del generador y de la división entrenamiento/validación</translation>
    </message>
    <message>
        <source>validation fraction</source>
        <translation>fracción de validación</translation>
    </message>
    <message>
        <source>Share of the samples held out to measure generalization (never trained on)</source>
        <translation>Parte de las muestras apartada para medir la generalización (nunca se entrena con ella)</translation>
    </message>
    <message>
        <source>hidden layers</source>
        <translation>capas ocultas</translation>
    </message>
    <message>
        <source>Neurons per hidden layer, e.g. &apos;8, 8&apos; for two layers of 8</source>
        <translation>Neuronas por capa oculta, p. ej. &apos;8, 8&apos; para dos capas de 8</translation>
    </message>
    <message>
        <source>hidden activations</source>
        <translation>activaciones ocultas</translation>
    </message>
    <message>
        <source>One activation for all hidden layers or one per layer: relu, tanh, sigmoid, identity</source>
        <translation>Una activación para todas las capas ocultas o una por capa: relu, tanh, sigmoid, identity</translation>
    </message>
    <message>
        <source>output</source>
        <translation>salida</translation>
    </message>
    <message>
        <source>Activation of the output layer: sigmoid (two classes), softmax (several)</source>
        <translation>Activación de la capa de salida: sigmoide (dos clases), softmax (varias)</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>pérdida</translation>
    </message>
    <message>
        <source>MSE is the slides&apos; E(ω) = ½‖d − y‖²; cross-entropy suits sigmoid/softmax</source>
        <translation>MSE es el E(ω) = ½‖d − y‖² de las diapositivas; la entropía cruzada va bien con sigmoide/softmax</translation>
    </message>
    <message>
        <source>weight seed</source>
        <translation>semilla de los pesos</translation>
    </message>
    <message>
        <source>Seed of the initial weights ω and of the batch order</source>
        <translation>Semilla de los pesos iniciales ω y del orden de los lotes</translation>
    </message>
    <message>
        <source>optimizer</source>
        <translation>optimizador</translation>
    </message>
    <message>
        <source>SGD: ω ← ω − η ∂E/∂ω (with momentum); Adam adapts η per weight</source>
        <translation>SGD: ω ← ω − η ∂E/∂ω (con momento); Adam adapta η a cada peso</translation>
    </message>
    <message>
        <source>learning rate η</source>
        <translation>tasa de aprendizaje η</translation>
    </message>
    <message>
        <source>Size of each step down the error; too large diverges, too small crawls. Changes apply at the next batch</source>
        <translation>Tamaño de cada paso de bajada del error; si es muy grande diverge, si es muy pequeño avanza muy despacio. Los cambios se aplican en el siguiente lote</translation>
    </message>
    <message>
        <source>momentum</source>
        <translation>momento</translation>
    </message>
    <message>
        <source>SGD only: keeps part of the previous step (0 = plain SGD)</source>
        <translation>Solo SGD: conserva parte del paso anterior (0 = SGD simple)</translation>
    </message>
    <message>
        <source>batch size</source>
        <translation>tamaño de lote</translation>
    </message>
    <message>
        <source>Samples per weight update: 1 = one sample at a time, &apos;full&apos; = the whole training set</source>
        <translation>Muestras por actualización de los pesos: 1 = una muestra cada vez, &apos;todo&apos; = todo el conjunto de entrenamiento</translation>
    </message>
    <message>
        <source>epochs</source>
        <translation>épocas</translation>
    </message>
    <message>
        <source>Passes over the training set for one press of Train</source>
        <translation>Pasadas por el conjunto de entrenamiento en cada pulsación de Entrenar</translation>
    </message>
    <message>
        <source>L2 λ</source>
        <translation>L2 λ</translation>
    </message>
    <message>
        <source>Weight of the penalty λ·½Σω²: pulls weights towards zero against overfitting</source>
        <translation>Peso de la penalización λ·½Σω²: lleva los pesos hacia cero contra el sobreajuste</translation>
    </message>
    <message>
        <source>L1 λ</source>
        <translation>L1 λ</translation>
    </message>
    <message>
        <source>Weight of the penalty λ·Σ|ω|: drives useless weights to exactly zero</source>
        <translation>Peso de la penalización λ·Σ|ω|: lleva los pesos inútiles exactamente a cero</translation>
    </message>
    <message>
        <source>dropout p</source>
        <translation>dropout p</translation>
    </message>
    <message>
        <source>Probability of switching off each hidden neuron during training; one value or one per hidden layer</source>
        <translation>Probabilidad de apagar cada neurona oculta durante el entrenamiento; un valor o uno por capa oculta</translation>
    </message>
    <message>
        <source>patience</source>
        <translation>paciencia</translation>
    </message>
    <message>
        <source>Epochs without improvement of the validation error before stopping</source>
        <translation>Épocas sin mejora del error de validación antes de parar</translation>
    </message>
    <message>
        <source>min. improvement</source>
        <translation>mejora mínima</translation>
    </message>
    <message>
        <source>An epoch only counts as better if it improves by more than this</source>
        <translation>Una época solo cuenta como mejor si mejora más que esto</translation>
    </message>
    <message>
        <source>restore best weights</source>
        <translation>restaurar los mejores pesos</translation>
    </message>
    <message>
        <source>After stopping, go back to the weights of the best epoch</source>
        <translation>Tras parar, volver a los pesos de la mejor época</translation>
    </message>
    <message>
        <source>device</source>
        <translation>dispositivo</translation>
    </message>
    <message>
        <source>Where PyTorch computes: auto picks a GPU when there is one</source>
        <translation>Dónde calcula PyTorch: auto elige una GPU si la hay</translation>
    </message>
    <message>
        <source>engine</source>
        <translation>motor</translation>
    </message>
    <message>
        <source>auto: the compiled engine for small networks on the CPU, PyTorch otherwise</source>
        <translation>auto: el motor compilado para redes pequeñas en la CPU; si no, PyTorch</translation>
    </message>
    <message>
        <source>Stop when the validation error has not improved for &apos;patience&apos; epochs</source>
        <translation>Parar cuando el error de validación no ha mejorado durante &apos;paciencia&apos; épocas</translation>
    </message>
    <message>
        <source>lesson&apos;s points</source>
        <translation>puntos de la lección</translation>
    </message>
    <message>
        <source>blobs (linearly separable)</source>
        <translation>nubes (linealmente separables)</translation>
    </message>
    <message>
        <source>XOR</source>
        <translation>XOR</translation>
    </message>
    <message>
        <source>circles</source>
        <translation>círculos</translation>
    </message>
    <message>
        <source>moons</source>
        <translation>lunas</translation>
    </message>
    <message>
        <source>spiral</source>
        <translation>espiral</translation>
    </message>
    <message>
        <source>Gaussian clusters</source>
        <translation>grupos gaussianos</translation>
    </message>
    <message>
        <source>handwritten digits 8×8</source>
        <translation>dígitos manuscritos 8×8</translation>
    </message>
    <message>
        <source>your data (imported or drawn)</source>
        <translation>tus datos (importados o dibujados)</translation>
    </message>
    <message>
        <source>auto</source>
        <translation>auto</translation>
    </message>
    <message>
        <source>compiled</source>
        <translation>compilado</translation>
    </message>
    <message>
        <source>MSE ½‖d − y‖²</source>
        <translation>MSE ½‖d − y‖²</translation>
    </message>
    <message>
        <source>cross-entropy</source>
        <translation>entropía cruzada</translation>
    </message>
    <message>
        <source>full</source>
        <translation>todo</translation>
    </message>
</context>
<context>
    <name>SettingsReading</name>
    <message>
        <source>Hidden layers</source>
        <extracomment>neurons a hidden layer may have: the decision-region maps run every layer of the network on a 200×200 grid in the window, and a wider layer takes seconds and GBs</extracomment>
        <translation>Capas ocultas</translation>
    </message>
    <message>
        <source>Hidden layers: every layer needs at least one neuron.</source>
        <translation>Capas ocultas: cada capa necesita al menos una neurona.</translation>
    </message>
    <message>
        <source>Hidden layers: at most {0} neurons per layer (the live views of a wider layer would not fit in memory).</source>
        <translation>Capas ocultas: como mucho {0} neuronas por capa (las vistas en vivo de una capa más ancha no cabrían en memoria).</translation>
    </message>
    <message>
        <source>Activation &apos;{0}&apos; is not one training can use in a hidden layer (use {1}).</source>
        <translation>La activación «{0}» no se puede usar en una capa oculta al entrenar (usa {1}).</translation>
    </message>
    <message>
        <source>Give one activation for all hidden layers or one per hidden layer ({0}), not {1}.</source>
        <translation>Indica una activación para todas las capas ocultas o una por capa oculta ({0}), no {1}.</translation>
    </message>
    <message>
        <source>Dropout</source>
        <translation>Dropout</translation>
    </message>
    <message>
        <source>Dropout: give one probability for all hidden layers or one per hidden layer ({0}).</source>
        <translation>Dropout: indica una probabilidad para todas las capas ocultas o una por capa oculta ({0}).</translation>
    </message>
</context>
<context>
    <name>StepOutline</name>
    <message>
        <source>FEED FORWARD</source>
        <extracomment>the error plot&apos;s least height (px) on a short projector: its axis numbers and the points of a dozen updates still read the user clicked one of the seven steps (1..7)</extracomment>
        <translation>FEED FORWARD</translation>
    </message>
    <message>
        <source>BACKPROP</source>
        <translation>BACKPROP</translation>
    </message>
    <message>
        <source>Jump to this step of the update</source>
        <translation>Ir a este paso de la actualización</translation>
    </message>
</context>
<context>
    <name>StepperControls</name>
    <message>
        <source>Run that many passes over all samples, a few each frame, so the class sees the lines move (T again stops)</source>
        <translation>Hace esas pasadas por todas las muestras, unas pocas en cada fotograma, para que la clase vea moverse las rectas (T otra vez lo detiene)</translation>
    </message>
    <message>
        <source>◀ Back</source>
        <translation>◀ Atrás</translation>
    </message>
    <message>
        <source>Previous formula; the state before it comes back exactly (←)</source>
        <translation>Fórmula anterior; se restaura exactamente el estado previo (←)</translation>
    </message>
    <message>
        <source>Step ▶</source>
        <translation>Paso ▶</translation>
    </message>
    <message>
        <source>Next formula (Space or →)</source>
        <translation>Fórmula siguiente (Espacio o →)</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>Reproducir</translation>
    </message>
    <message>
        <source>Step on by itself at the chosen speed (P)</source>
        <translation>Avanzar solo a la velocidad elegida (P)</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pausa</translation>
    </message>
    <message>
        <source>Stop playing (Shift+P)</source>
        <translation>Detener la reproducción (Mayús+P)</translation>
    </message>
    <message>
        <source>Finish update</source>
        <translation>Terminar la actualización</translation>
    </message>
    <message>
        <source>Go to the end of this update (End)</source>
        <translation>Ir al final de esta actualización (Fin)</translation>
    </message>
    <message>
        <source>Next sample</source>
        <translation>Muestra siguiente</translation>
    </message>
    <message>
        <source>Finish this update and start one on the next sample (N)</source>
        <translation>Terminar esta actualización y empezar otra con la muestra siguiente (N)</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>Reiniciar</translation>
    </message>
    <message>
        <source>Back to the lesson&apos;s weights, no updates done (R)</source>
        <translation>Volver a los pesos de la lección, sin ninguna actualización (R)</translation>
    </message>
    <message>
        <source>Run up to {0} epochs</source>
        <extracomment>play speeds in steps per second (slider positions)</extracomment>
        <translation>Ejecutar hasta {0} épocas</translation>
    </message>
    <message>
        <source>Apply the rule sample after sample until an epoch without mistakes (T)</source>
        <translation>Aplicar la regla muestra a muestra hasta una época sin errores (T)</translation>
    </message>
    <message>
        <source>Stop training</source>
        <translation>Detener el entrenamiento</translation>
    </message>
    <message>
        <source>Stop here; the epochs trained stay trained (T, or any step)</source>
        <translation>Se detiene aquí; las épocas entrenadas quedan entrenadas (T, o cualquier paso)</translation>
    </message>
    <message>
        <source>Train {0} epochs</source>
        <translation>Entrenar {0} épocas</translation>
    </message>
    <message>
        <source>One step:</source>
        <translation>Un paso:</translation>
    </message>
    <message>
        <source>Dropout</source>
        <translation>Dropout</translation>
    </message>
    <message>
        <source>Drop each hidden neuron with probability p in every update (a seeded draw: the same masks each time); the others are scaled by 1/(1 − p), and the formulas show the mask</source>
        <translation>Apaga cada neurona oculta con probabilidad p en cada actualización (un sorteo con semilla: siempre las mismas máscaras); las demás se escalan por 1/(1 − p) y las fórmulas muestran la máscara</translation>
    </message>
    <message>
        <source>p = </source>
        <translation>p = </translation>
    </message>
    <message>
        <source>The probability that a hidden neuron is dropped in an update</source>
        <translation>La probabilidad de que una neurona oculta se apague en una actualización</translation>
    </message>
    <message>
        <source>each formula</source>
        <translation>cada fórmula</translation>
    </message>
    <message>
        <source>each sample</source>
        <translation>cada muestra</translation>
    </message>
    <message>
        <source>each correction</source>
        <translation>cada corrección</translation>
    </message>
    <message>
        <source>each value</source>
        <translation>cada valor</translation>
    </message>
    <message>
        <source>each layer</source>
        <translation>cada capa</translation>
    </message>
    <message>
        <source>whole update</source>
        <translation>actualización completa</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Error</translation>
    </message>
    <message>
        <source>PyTorch</source>
        <translation>PyTorch</translation>
    </message>
</context>
<context>
    <name>StepperDisplay</name>
    <message>
        <source>Update {0}: the sample is presented to the network</source>
        <translation>Actualización {0}: se presenta la muestra a la red</translation>
    </message>
    <message>
        <source>Update {0} done: every weight has been updated</source>
        <translation>Actualización {0} terminada: se han actualizado todos los pesos</translation>
    </message>
    <message>
        <source>E after the update: {0}</source>
        <translation>E tras la actualización: {0}</translation>
    </message>
    <message>
        <source>On the slide:</source>
        <translation>En la diapositiva:</translation>
    </message>
    <message>
        <source>sample of this update</source>
        <translation>muestra de esta actualización</translation>
    </message>
    <message>
        <source>start</source>
        <translation>inicio</translation>
    </message>
    <message>
        <source>formula {0} of {1}</source>
        <translation>fórmula {0} de {1}</translation>
    </message>
    <message>
        <source>Update {0} · sample {1} of {2}: x = {3}, d = {4} · {5}</source>
        <translation>Actualización {0} · muestra {1} de {2}: x = {3}, d = {4} · {5}</translation>
    </message>
</context>
<context>
    <name>StepperWalking</name>
    <message>
        <source>{0} steps/s</source>
        <extracomment>the stepper&apos;s Train spreads its epochs over about this many seconds (XOR&apos;s 300 epochs: 50 a second), a few epochs between frames milliseconds between two frames of the paced Train a move longer than this kept the window busy long enough for a press to come in meanwhile (a move usually takes a few ms; a press a person repeats, ~150 ms)</extracomment>
        <translation>{0} pasos/s</translation>
    </message>
    <message>
        <source>Edited mid-update: the update starts again from its initial weights, with the edit.</source>
        <translation>Editado a mitad: la actualización empieza de nuevo desde sus pesos iniciales, con el cambio.</translation>
    </message>
    <message>
        <source>Open a perceptron or MLP lesson to step through its formulas.</source>
        <translation>Abre una lección de perceptrón o de MLP para recorrer sus fórmulas paso a paso.</translation>
    </message>
</context>
<context>
    <name>TestSetView</name>
    <message>
        <source>Evaluate on the test set</source>
        <extracomment>the button was pressed: the panel evaluates the weights on show a new evaluation: the :class:`~nnviz.core.training.test_set.TestResult`</extracomment>
        <translation>Evaluar en el conjunto de prueba</translation>
    </message>
    <message>
        <source>Measure the weights on show on the test images: never trained on and never used to choose a setting, they tell how the network does on data it has not seen.</source>
        <translation>Medir los pesos en pantalla con las imágenes de prueba: como nunca se ha entrenado con ellas ni se han usado para elegir ningún ajuste, indican cómo le va a la red con datos que no ha visto.</translation>
    </message>
    <message>
        <source>%1 test images are kept apart: not trained on, not used for validation; they are measured at the end of each run.</source>
        <translation>Se apartan %1 imágenes de prueba: no se entrena con ellas ni se usan para la validación; se miden al final de cada ejecución.</translation>
    </message>
    <message>
        <source>Test set (%1 images kept apart), after epoch %2: accuracy %3 %, error E %4</source>
        <translation>Conjunto de prueba (%1 imágenes apartadas), tras la época %2: exactitud %3 %, error E %4</translation>
    </message>
</context>
<context>
    <name>TorchImportDialog</name>
    <message>
        <source>ReLU</source>
        <extracomment>the activations offered for a hidden layer, in the order shown the output layer may also be softmax the columns of the layer table; the activation&apos;s combo box is the last</extracomment>
        <translation>ReLU</translation>
    </message>
    <message>
        <source>sigmoid</source>
        <translation>sigmoide</translation>
    </message>
    <message>
        <source>tanh</source>
        <translation>tanh</translation>
    </message>
    <message>
        <source>identity</source>
        <translation>identidad</translation>
    </message>
    <message>
        <source>softmax</source>
        <translation>softmax</translation>
    </message>
    <message>
        <source>The network will be %1 (activations %2), with %3 weights and biases.</source>
        <translation>La red será %1 (activaciones %2), con %3 pesos y sesgos.</translation>
    </message>
    <message>
        <source>Import PyTorch weights</source>
        <translation>Importar pesos de PyTorch</translation>
    </message>
    <message>
        <source>%1: nnviz found these Linear layers. Choose the activation of each one.</source>
        <translation>%1: nnviz ha encontrado estas capas Linear. Elige la activación de cada una.</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>Capa</translation>
    </message>
    <message>
        <source>Inputs → outputs</source>
        <translation>Entradas → salidas</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Parámetros</translation>
    </message>
    <message>
        <source>Activation</source>
        <translation>Activación</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importar</translation>
    </message>
</context>
<context>
    <name>TorchPanel</name>
    <message>
        <source>Finish an update to compare it with PyTorch.</source>
        <translation>Termina una actualización para compararla con PyTorch.</translation>
    </message>
    <message>
        <source>equal</source>
        <translation>iguales</translation>
    </message>
    <message>
        <source>DIFFERENT</source>
        <translation>DISTINTOS</translation>
    </message>
    <message>
        <source>Largest difference between the manual update and PyTorch&apos;s: {0} ({1})</source>
        <translation>Mayor diferencia entre la actualización a mano y la de PyTorch: {0} ({1})</translation>
    </message>
    <message>
        <source>PyTorch does all this with one command!</source>
        <translation>¡PyTorch hace todo esto con solo una orden!</translation>
    </message>
    <message>
        <source>weight</source>
        <translation>peso</translation>
    </message>
    <message>
        <source>by hand (slides)</source>
        <translation>a mano (diapositivas)</translation>
    </message>
    <message>
        <source>PyTorch</source>
        <translation>PyTorch</translation>
    </message>
    <message>
        <source>difference</source>
        <translation>diferencia</translation>
    </message>
</context>
<context>
    <name>TrainingController</name>
    <message>
        <source>&apos;{0}&apos; cannot change while training runs.</source>
        <extracomment>snapshots a second at most the settings that can change while training runs at this pace (epochs a second) or slower, a run with dropout reports the mask of each snapshot&apos;s latest batch, for the graph to draw the thinned network; faster, the masks would flicker past unseen and cost the loop where the run computes, once its trainer is built</extracomment>
        <translation>&apos;{0}&apos; no se puede cambiar mientras se entrena.</translation>
    </message>
    <message>
        <source>Training is already running.</source>
        <extracomment>the network and settings of the current run (to check new data against)</extracomment>
        <translation>El entrenamiento ya está en marcha.</translation>
    </message>
    <message>
        <source>Training was interrupted.</source>
        <translation>El entrenamiento se interrumpió.</translation>
    </message>
</context>
<context>
    <name>TrainingPanel</name>
    <message>
        <source>A big network: %1 has %2 million weights (%3 MB); an epoch on this data takes about %4 s on this computer&apos;s CPU.</source>
        <extracomment>a run started (the stepper pauses) a run ended: &quot;completed&quot;, &quot;early_stopping&quot;, &quot;stopped&quot; or &quot;diverged&quot; the misclassified validation images (the main window docks it) the test part of the data (MNIST&apos;s test images): a button and its figures the comparison the lesson suggests (Plots → Compare…), or None</extracomment>
        <translation>Una red grande: %1 tiene %2 millones de pesos (%3 MB); una época con estos datos tarda unos %4 s en la CPU de este ordenador.</translation>
    </message>
</context>
<context>
    <name>TrainingPlots</name>
    <message>
        <source>x axis:</source>
        <extracomment>the accuracy axis: 0 to 100 % with room above and below, so a curve at 100 % (or 0 %) and the &quot;100&quot; tick label are not cut by the plot&apos;s edge what the x axis can count (the choices of the &quot;x axis&quot; box, in its order) a file was written by an export (its path) runs were kept, shown or hidden, renamed or deleted (the runs table follows) the runs side by side: labels, settings, figures (a table in its own window) Compare…: the training panel connects it (it knows the data and the settings)</extracomment>
        <translation>eje x:</translation>
    </message>
    <message>
        <source>epochs</source>
        <translation>épocas</translation>
    </message>
    <message>
        <source>updates</source>
        <translation>actualizaciones</translation>
    </message>
    <message>
        <source>seconds</source>
        <translation>segundos</translation>
    </message>
    <message>
        <source>Plot against epochs (passes over the training set), weight updates or seconds of training (what a small batch costs)</source>
        <translation>Dibuja frente a las épocas (pasadas por el conjunto de entrenamiento), las actualizaciones de los pesos o los segundos de entrenamiento (lo que cuesta un lote pequeño)</translation>
    </message>
    <message>
        <source>log scale</source>
        <translation>escala logarítmica</translation>
    </message>
    <message>
        <source>Logarithmic loss axis: shows slow late progress</source>
        <translation>Eje de error logarítmico: muestra el progreso lento del final</translation>
    </message>
    <message>
        <source>smoothing:</source>
        <translation>suavizado:</translation>
    </message>
    <message>
        <source>Exponential moving average of the curves (as TensorBoard); the raw values stay faint behind</source>
        <translation>Media móvil exponencial de las curvas (como en TensorBoard); los valores sin suavizar quedan tenues detrás</translation>
    </message>
    <message>
        <source>Clear earlier runs</source>
        <translation>Borrar ejecuciones anteriores</translation>
    </message>
    <message>
        <source>Remove the faint curves of earlier runs</source>
        <translation>Quitar las curvas tenues de las ejecuciones anteriores</translation>
    </message>
    <message>
        <source>Compare…</source>
        <translation>Comparar…</translation>
    </message>
    <message>
        <source>Train one setting over a few values side by side: the same data, initial weights and seed; labelled curves and a picture of each run</source>
        <translation>Entrena un ajuste con varios valores, uno al lado del otro: los mismos datos, pesos iniciales y semilla; curvas con nombre y una imagen de cada entrenamiento</translation>
    </message>
    <message>
        <source>Runs…</source>
        <translation>Entrenamientos…</translation>
    </message>
    <message>
        <source>Every run side by side: what it changed, its best and final loss, updates and seconds; show, hide, rename, delete, export</source>
        <translation>Todos los entrenamientos juntos: qué cambió, su mejor pérdida y la final, actualizaciones y segundos; mostrar, ocultar, renombrar, borrar, exportar</translation>
    </message>
    <message>
        <source>PNG…</source>
        <translation>PNG…</translation>
    </message>
    <message>
        <source>Save both plots as PNG images</source>
        <translation>Guardar las dos gráficas como imágenes PNG</translation>
    </message>
    <message>
        <source>CSV…</source>
        <translation>CSV…</translation>
    </message>
    <message>
        <source>Save the metrics of every epoch as a CSV table</source>
        <translation>Guardar las métricas de cada época en una tabla CSV</translation>
    </message>
    <message>
        <source>loss (error E)</source>
        <translation>pérdida (error E)</translation>
    </message>
    <message>
        <source>accuracy (%)</source>
        <translation>exactitud (%)</translation>
    </message>
    <message>
        <source>training</source>
        <translation>entrenamiento</translation>
    </message>
    <message>
        <source>validation</source>
        <translation>validación</translation>
    </message>
    <message>
        <source>gap (validation − training)</source>
        <translation>diferencia (validación − entrenamiento)</translation>
    </message>
    <message>
        <source>best epoch</source>
        <translation>mejor época</translation>
    </message>
    <message>
        <source>early stop</source>
        <translation>parada temprana</translation>
    </message>
</context>
<context>
    <name>TrainingWorker</name>
    <message>
        <source>Training failed: {0}</source>
        <extracomment>(engine name, why) once the trainer is built a :class:`Snapshot` (copies), at most ~30 a second, the last with ``final`` the message of a divergence, before ``finished`` :class:`TrainingResult` or :class:`RunFailed`; always the last signal</extracomment>
        <translation>El entrenamiento falló: {0}</translation>
    </message>
</context>
<context>
    <name>TruthTableEditor</name>
    <message>
        <source>Input x{0}: 0 or 1</source>
        <extracomment>a table was applied: the lesson to show (core ``Lesson``) the lesson the tables are applied to (a lesson file&apos;s, or a network&apos;s) the table of the lesson on show the rows typed as Custom for each number of inputs: [[x1, ..., d], ...] the named table last on show (where a Custom table of another size starts) what the line above the grid says: None, &quot;pending&quot;, or a UserError</extracomment>
        <translation>Entrada x{0}: 0 o 1</translation>
    </message>
    <message>
        <source>Desired output d: {0} or {1}; click a cell or press Space to switch it</source>
        <translation>Salida deseada d: {0} o {1}; haz clic en una celda o pulsa Espacio para cambiarla</translation>
    </message>
    <message>
        <source>Not applied yet: press Apply (or Enter) to use this table.</source>
        <translation>Aún sin aplicar: pulsa Aplicar (o Intro) para usar esta tabla.</translation>
    </message>
    <message>
        <source>Truth table</source>
        <translation>Tabla de verdad</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>Personalizada</translation>
    </message>
    <message>
        <source>The table the lesson learns: AND, OR, NAND, NOR or XOR (used at once), or Custom: a table you type, used when you press Apply</source>
        <translation>La tabla que aprende la lección: AND, OR, NAND, NOR o XOR (se usan al momento), o Personalizada: una tabla que escribes tú, que se usa al pulsar Aplicar</translation>
    </message>
    <message>
        <source>{0} inputs</source>
        <translation>{0} entradas</translation>
    </message>
    <message>
        <source>Inputs per row: 2 (drawn on the data plot) or 3 (the network gets a third input with fresh weights; 3-D points are not drawn)</source>
        <translation>Entradas por fila: 2 (se dibujan en la gráfica de datos) o 3 (la red recibe una tercera entrada con pesos nuevos; los puntos en 3-D no se dibujan)</translation>
    </message>
    <message>
        <source>One row per sample: the inputs x and the desired output d. Click d or press Space to switch it; in a Custom table type 0 or 1 in the inputs</source>
        <translation>Una fila por muestra: las entradas x y la salida deseada d. Haz clic en d o pulsa Espacio para cambiarla; en una tabla Personalizada escribe 0 o 1 en las entradas</translation>
    </message>
    <message>
        <source>+ Row</source>
        <translation>+ Fila</translation>
    </message>
    <message>
        <source>Add a row with the first input combination not yet in the table</source>
        <translation>Añadir una fila con la primera combinación de entradas que aún no está en la tabla</translation>
    </message>
    <message>
        <source>− Row</source>
        <translation>− Fila</translation>
    </message>
    <message>
        <source>Remove the selected row (the last one when none is selected)</source>
        <translation>Quitar la fila seleccionada (la última si no hay ninguna seleccionada)</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Aplicar</translation>
    </message>
    <message>
        <source>Use this table: the lesson starts again on its rows (Enter in the table)</source>
        <translation>Usar esta tabla: la lección empieza de nuevo con sus filas (Intro en la tabla)</translation>
    </message>
</context>
<context>
    <name>ValueEditor</name>
    <message>
        <source>Enter applies, Esc cancels</source>
        <translation>Intro aplica, Esc cancela</translation>
    </message>
</context>
<context>
    <name>WindowChrome</name>
    <message>
        <source>nnviz — neural networks, step by step</source>
        <translation>nnviz — redes neuronales, paso a paso</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>&amp;Abrir…</translation>
    </message>
    <message>
        <source>Open a session (*.nnviz), a network (*.nnviz.json) or PyTorch weights (*.pt, *.safetensors)</source>
        <translation>Abrir una sesión (*.nnviz), una red (*.nnviz.json) o pesos de PyTorch (*.pt, *.safetensors)</translation>
    </message>
    <message>
        <source>&amp;Save session</source>
        <translation>&amp;Guardar sesión</translation>
    </message>
    <message>
        <source>Keep everything on show in one *.nnviz file: network, weights, data, settings, curves, stepper position</source>
        <translation>Guardar todo lo que hay en pantalla en un único fichero *.nnviz: red, pesos, datos, ajustes, curvas y posición del paso a paso</translation>
    </message>
    <message>
        <source>Save session &amp;as…</source>
        <translation>Guardar sesión c&amp;omo…</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>Abrir recie&amp;ntes</translation>
    </message>
    <message>
        <source>Import &amp;PyTorch weights…</source>
        <translation>Importar pesos de &amp;PyTorch…</translation>
    </message>
    <message>
        <source>The Linear layers of a state_dict (*.pt, *.pth) or a *.safetensors file; you choose the activations</source>
        <translation>Las capas Linear de un state_dict (*.pt, *.pth) o de un fichero *.safetensors; tú eliges las activaciones</translation>
    </message>
    <message>
        <source>E&amp;xport</source>
        <translation>E&amp;xportar</translation>
    </message>
    <message>
        <source>PyTorch &amp;script…</source>
        <translation>&amp;Script de PyTorch…</translation>
    </message>
    <message>
        <source>A runnable Python file in the lecture&apos;s structure: class Net, the loss, the optimizer and the loop</source>
        <translation>Un fichero de Python ejecutable con la misma estructura que en clase: class Net, la pérdida, el optimizador y el bucle</translation>
    </message>
    <message>
        <source>PyTorch &amp;weights…</source>
        <translation>&amp;Pesos de PyTorch…</translation>
    </message>
    <message>
        <source>The weights alone, as *.safetensors or as a state_dict *.pt that nn.Sequential loads</source>
        <translation>Solo los pesos, como *.safetensors o como un state_dict *.pt que carga nn.Sequential</translation>
    </message>
    <message>
        <source>Save &amp;network as…</source>
        <translation>Guardar &amp;red como…</translation>
    </message>
    <message>
        <source>Save the current network and its weights as a *.nnviz.json file</source>
        <translation>Guardar la red actual y sus pesos como fichero *.nnviz.json</translation>
    </message>
    <message>
        <source>&amp;Import data…</source>
        <translation>&amp;Importar datos…</translation>
    </message>
    <message>
        <source>Train on your own table: a CSV file with one row per sample and a label column</source>
        <translation>Entrenar con tu propia tabla: un fichero CSV con una fila por muestra y una columna de etiqueta</translation>
    </message>
    <message>
        <source>&amp;Export network view as image…</source>
        <translation>&amp;Exportar la vista de la red como imagen…</translation>
    </message>
    <message>
        <source>Export the &amp;worked example…</source>
        <translation>Exportar el &amp;ejemplo resuelto…</translation>
    </message>
    <message>
        <source>The update on show, every formula with its numbers, as Markdown or LaTeX for a handout</source>
        <translation>La actualización en pantalla, cada fórmula con sus números, en Markdown o LaTeX para unos apuntes</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Deshacer</translation>
    </message>
    <message>
        <source>&amp;Undo: {0}</source>
        <translation>&amp;Deshacer: {0}</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Rehacer</translation>
    </message>
    <message>
        <source>&amp;Redo: {0}</source>
        <translation>&amp;Rehacer: {0}</translation>
    </message>
    <message>
        <source>&amp;About nnviz</source>
        <translation>&amp;Acerca de nnviz</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>Atajos de &amp;teclado</translation>
    </message>
    <message>
        <source>Lesson &amp;text</source>
        <translation>&amp;Texto de la lección</translation>
    </message>
    <message>
        <source>Show the lesson&apos;s slide text above the network</source>
        <translation>Mostrar el texto de la diapositiva de la lección encima de la red</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichero</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Editar</translation>
    </message>
    <message>
        <source>&amp;Lesson</source>
        <translation>&amp;Lección</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ver</translation>
    </message>
    <message>
        <source>L&amp;anguage</source>
        <translation>&amp;Idioma</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>A&amp;yuda</translation>
    </message>
    <message>
        <source>Stepper</source>
        <translation>Paso a paso</translation>
    </message>
    <message>
        <source>Formulas and stepper</source>
        <translation>Fórmulas paso a paso</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>Datos</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>Entrenamiento</translation>
    </message>
    <message>
        <source>Plots</source>
        <translation>Gráficas</translation>
    </message>
    <message>
        <source>Mistakes</source>
        <translation>Fallos</translation>
    </message>
    <message>
        <source>Draw a digit</source>
        <translation>Dibuja un dígito</translation>
    </message>
    <message>
        <source>Gradient descent</source>
        <translation>Descenso del gradiente</translation>
    </message>
    <message>
        <source>Activation functions</source>
        <translation>Funciones de activación</translation>
    </message>
    <message>
        <source>PyTorch structure</source>
        <translation>Estructura en PyTorch</translation>
    </message>
    <message>
        <source>About nnviz</source>
        <translation>Acerca de nnviz</translation>
    </message>
    <message>
        <source>&lt;h3&gt;nnviz %1&lt;/h3&gt;&lt;p&gt;Neural networks taught the way a good lecture does: the network graph with every weight as a colour, backpropagation one formula at a time, and training you can watch.&lt;/p&gt;&lt;p&gt;Built on the course «Introducción práctica a la IA y al Deep Learning — Introducción a las Redes neuronales» (Universidad de Málaga).&lt;/p&gt;</source>
        <translation>&lt;h3&gt;nnviz %1&lt;/h3&gt;&lt;p&gt;Las redes neuronales explicadas como en una buena clase: el grafo de la red con cada peso como un color, backpropagation fórmula a fórmula y un entrenamiento que se puede ver.&lt;/p&gt;&lt;p&gt;Basado en el curso «Introducción práctica a la IA y al Deep Learning — Introducción a las Redes neuronales» (Universidad de Málaga).&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Space / →</source>
        <translation>Espacio / →</translation>
    </message>
    <message>
        <source>next formula</source>
        <translation>fórmula siguiente</translation>
    </message>
    <message>
        <source>←</source>
        <translation>←</translation>
    </message>
    <message>
        <source>previous formula (restores the weights exactly)</source>
        <translation>fórmula anterior (restaura los pesos exactamente)</translation>
    </message>
    <message>
        <source>reset the update</source>
        <translation>reiniciar la actualización</translation>
    </message>
    <message>
        <source>presentation mode (full screen, large fonts)</source>
        <translation>modo presentación (pantalla completa, letra grande)</translation>
    </message>
    <message>
        <source>larger / smaller presentation scale</source>
        <translation>escala de presentación mayor / menor</translation>
    </message>
    <message>
        <source>undo / redo a weight edit</source>
        <translation>deshacer / rehacer la edición de un peso</translation>
    </message>
    <message>
        <source>open a lesson</source>
        <translation>abrir una lección</translation>
    </message>
    <message>
        <source>open a session, a network or PyTorch weights</source>
        <translation>abrir una sesión, una red o pesos de PyTorch</translation>
    </message>
    <message>
        <source>save the session / save it as</source>
        <translation>guardar la sesión / guardarla como</translation>
    </message>
    <message>
        <source>import data from a CSV table</source>
        <translation>importar datos de una tabla CSV</translation>
    </message>
    <message>
        <source>train / pause or resume / stop (training lessons)</source>
        <translation>entrenar / pausar o reanudar / detener (lecciones de entrenamiento)</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Atajos de teclado</translation>
    </message>
</context>
<context>
    <name>WindowData</name>
    <message>
        <source>&amp;Data</source>
        <extracomment>share of the progress bar the download takes (reading the files: the rest) seconds a mirror may stay silent before the window&apos;s download retries: closing the window waits up to 5 s for the job (DataLoader.wait), and a blocked read only notices Cancel when it returns the progress dialog of the download or reading under way (None otherwise) what the worker last reported: written by its thread, read here (a frozen copy)</extracomment>
        <translation>&amp;Datos</translation>
    </message>
    <message>
        <source>Get &amp;MNIST…</source>
        <translation>Obtener &amp;MNIST…</translation>
    </message>
    <message>
        <source>Download the 70,000 handwritten digits of MNIST (about 11 MB, once) and open its lesson</source>
        <translation>Descargar los 70 000 dígitos manuscritos de MNIST (unos 11 MB, una sola vez) y abrir su lección</translation>
    </message>
    <message>
        <source>Get &amp;Fashion-MNIST…</source>
        <translation>Obtener &amp;Fashion-MNIST…</translation>
    </message>
    <message>
        <source>Download the 70,000 images of clothes of Fashion-MNIST (about 30 MB, once) and open its lesson</source>
        <translation>Descargar las 70 000 imágenes de prendas de Fashion-MNIST (unos 30 MB, una sola vez) y abrir su lección</translation>
    </message>
    <message>
        <source>Open data &amp;folder…</source>
        <translation>Abrir &amp;carpeta de datos…</translation>
    </message>
    <message>
        <source>A folder with the four IDX files of MNIST or Fashion-MNIST, gzipped or not</source>
        <translation>Una carpeta con los cuatro ficheros IDX de MNIST o de Fashion-MNIST, comprimidos con gzip o no</translation>
    </message>
    <message>
        <source>Get %1</source>
        <translation>Obtener %1</translation>
    </message>
    <message>
        <source>Open data folder</source>
        <translation>Abrir carpeta de datos</translation>
    </message>
    <message>
        <source>Save them before opening %1?</source>
        <translation>¿Guardarlos antes de abrir %1?</translation>
    </message>
    <message>
        <source>Cancelled; nothing changed. What arrived is kept, and the next try goes on from there.</source>
        <translation>Cancelado; no ha cambiado nada. Lo que ya se ha descargado se conserva y el próximo intento sigue desde ahí.</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>Leyendo %1…</translation>
    </message>
    <message>
        <source>Downloading %1…</source>
        <translation>Descargando %1…</translation>
    </message>
    <message>
        <source>Downloading %1: %2</source>
        <translation>Descargando %1: %2</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 de %2</translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation>%1/s</translation>
    </message>
    <message>
        <source>%1 s left</source>
        <translation>quedan %1 s</translation>
    </message>
    <message>
        <source>%1 min left</source>
        <translation>quedan %1 min</translation>
    </message>
    <message>
        <source>%1: %2 training and %3 test images.</source>
        <translation>%1: %2 imágenes de entrenamiento y %3 de prueba.</translation>
    </message>
</context>
<context>
    <name>WindowFiles</name>
    <message>
        <source>nnviz networks (*.nnviz.json *.json)</source>
        <translation>Redes de nnviz (*.nnviz.json *.json)</translation>
    </message>
    <message>
        <source>Save network</source>
        <translation>Guardar red</translation>
    </message>
    <message>
        <source>nnviz networks (*.nnviz.json)</source>
        <translation>Redes de nnviz (*.nnviz.json)</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>Guardado %1</translation>
    </message>
    <message>
        <source>Import data</source>
        <translation>Importar datos</translation>
    </message>
    <message>
        <source>Tables (*.csv *.tsv *.txt);;All files (*)</source>
        <translation>Tablas (*.csv *.tsv *.txt);;Todos los ficheros (*)</translation>
    </message>
    <message>
        <source>Save them before importing data?</source>
        <translation>¿Guardarlos antes de importar datos?</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>Leyendo %1…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Import cancelled; nothing changed.</source>
        <translation>Importación cancelada; no ha cambiado nada.</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Abrir</translation>
    </message>
    <message>
        <source>nnviz files (*.nnviz *.nnviz.json *.json *.pt *.pth *.safetensors)</source>
        <translation>Ficheros de nnviz (*.nnviz *.nnviz.json *.json *.pt *.pth *.safetensors)</translation>
    </message>
    <message>
        <source>nnviz sessions (*.nnviz)</source>
        <translation>Sesiones de nnviz (*.nnviz)</translation>
    </message>
    <message>
        <source>PyTorch weights (*.pt *.pth *.safetensors)</source>
        <translation>Pesos de PyTorch (*.pt *.pth *.safetensors)</translation>
    </message>
    <message>
        <source>Save them before opening another file?</source>
        <translation>¿Guardarlos antes de abrir otro fichero?</translation>
    </message>
    <message>
        <source>Imported %1 rows from %2.</source>
        <translation>Importadas %1 filas de %2.</translation>
    </message>
    <message>
        <source>Save them before closing?</source>
        <translation>¿Guardarlos antes de cerrar?</translation>
    </message>
    <message>
        <source>Trained network not saved</source>
        <translation>Red entrenada sin guardar</translation>
    </message>
    <message>
        <source>The network was trained and its weights are not saved.</source>
        <translation>La red se ha entrenado y sus pesos no están guardados.</translation>
    </message>
    <message>
        <source>The points you drew will be lost unless you save the session (Ctrl+S) or the points as CSV. Go on?</source>
        <translation>Los puntos que dibujaste se perderán si no guardas la sesión (Ctrl+S) o los puntos como CSV. ¿Continuar?</translation>
    </message>
    <message>
        <source>The data imported from %1 will be closed (the file itself stays as it is). Go on?</source>
        <translation>Se cerrarán los datos importados de %1 (el fichero en sí no cambia). ¿Continuar?</translation>
    </message>
    <message>
        <source>Your data</source>
        <translation>Tus datos</translation>
    </message>
    <message>
        <source>The worked example is the update of a backpropagation lesson in lecture mode: open one from the Lesson menu first.</source>
        <translation>El ejemplo resuelto es la actualización de una lección de backpropagation en modo clase: abre primero una desde el menú Lección.</translation>
    </message>
    <message>
        <source>Markdown (*.md)</source>
        <translation>Markdown (*.md)</translation>
    </message>
    <message>
        <source>LaTeX (*.tex)</source>
        <translation>LaTeX (*.tex)</translation>
    </message>
    <message>
        <source>Export the worked example</source>
        <translation>Exportar el ejemplo resuelto</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>No se pudo escribir %1: %2</translation>
    </message>
    <message>
        <source>Export network view</source>
        <translation>Exportar la vista de la red</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>Imágenes PNG (*.png)</translation>
    </message>
    <message>
        <source>Could not write the image %1.</source>
        <translation>No se pudo escribir la imagen %1.</translation>
    </message>
    <message>
        <source>nnviz</source>
        <translation>nnviz</translation>
    </message>
</context>
<context>
    <name>WindowScriptExport</name>
    <message>
        <source>Export a PyTorch script</source>
        <extracomment>the name the save dialog proposes epochs of a stepper lesson&apos;s script when the lesson names no ``train_epochs``</extracomment>
        <translation>Exportar un script de PyTorch</translation>
    </message>
    <message>
        <source>Python scripts (*.py)</source>
        <translation>Scripts de Python (*.py)</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>No se pudo escribir %1: %2</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>Guardado %1</translation>
    </message>
    <message>
        <source>A PyTorch script trains a multilayer perceptron: open a training or backpropagation lesson first.</source>
        <translation>Un script de PyTorch entrena un perceptrón multicapa: abre primero una lección de entrenamiento o de retropropagación.</translation>
    </message>
    <message>
        <source>There is no data on show to train on.</source>
        <translation>No hay datos en pantalla con los que entrenar.</translation>
    </message>
    <message>
        <source>These data cannot be written into a script: nnviz does not know where they came from.</source>
        <translation>Estos datos no se pueden escribir en un script: nnviz no sabe de dónde vienen.</translation>
    </message>
    <message>
        <source>The script would read the table from %1, which is not there any more: put the file back (or import it again) and export again.</source>
        <translation>El script leería la tabla de %1, que ya no está allí: vuelve a poner el fichero (o impórtalo de nuevo) y exporta otra vez.</translation>
    </message>
</context>
<context>
    <name>WindowSession</name>
    <message>
        <source>Saved %1</source>
        <extracomment>files in File → Open recent</extracomment>
        <translation>Guardado %1</translation>
    </message>
    <message>
        <source>Save session</source>
        <translation>Guardar sesión</translation>
    </message>
    <message>
        <source>nnviz sessions (*.nnviz)</source>
        <translation>Sesiones de nnviz (*.nnviz)</translation>
    </message>
    <message>
        <source>the recovered session</source>
        <translation>la sesión recuperada</translation>
    </message>
    <message>
        <source>Open session</source>
        <translation>Abrir sesión</translation>
    </message>
    <message>
        <source>Reading the data of %1…</source>
        <translation>Leyendo los datos de %1…</translation>
    </message>
    <message>
        <source>Opening cancelled; nothing changed.</source>
        <translation>Apertura cancelada; no ha cambiado nada.</translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation>Se ha abierto %1</translation>
    </message>
    <message>
        <source>No recent files</source>
        <translation>No hay ficheros recientes</translation>
    </message>
    <message>
        <source>Clear the list</source>
        <translation>Borrar la lista</translation>
    </message>
    <message>
        <source>%1 is no longer there; it was taken off the list.</source>
        <translation>%1 ya no existe; se ha quitado de la lista.</translation>
    </message>
    <message>
        <source>Save them before opening another file?</source>
        <translation>¿Guardarlos antes de abrir otro fichero?</translation>
    </message>
</context>
<context>
    <name>WindowState</name>
    <message>
        <source>Recover network</source>
        <translation>Recuperar la red</translation>
    </message>
    <message>
        <source>nnviz did not close normally last time. Restore the network you were working on?</source>
        <translation>nnviz no se cerró correctamente la última vez. ¿Restaurar la red con la que estabas trabajando?</translation>
    </message>
    <message>
        <source>The network does not fit any view ({0}).</source>
        <translation>La red no encaja en ninguna vista ({0}).</translation>
    </message>
    <message>
        <source>The autosaved network could not be restored: {0}</source>
        <translation>No se pudo restaurar la red guardada automáticamente: {0}</translation>
    </message>
    <message>
        <source>It was kept as {0}.</source>
        <translation>Se ha conservado como {0}.</translation>
    </message>
</context>
<context>
    <name>WindowTorch</name>
    <message>
        <source>Import PyTorch weights</source>
        <translation>Importar pesos de PyTorch</translation>
    </message>
    <message>
        <source>PyTorch weights (*.pt *.pth *.safetensors)</source>
        <translation>Pesos de PyTorch (*.pt *.pth *.safetensors)</translation>
    </message>
    <message>
        <source>Save them before opening another network?</source>
        <translation>¿Guardarlos antes de abrir otra red?</translation>
    </message>
    <message>
        <source>Imported %1 Linear layers from %2.</source>
        <translation>Se han importado %1 capas Linear de %2.</translation>
    </message>
    <message>
        <source>safetensors (*.safetensors)</source>
        <translation>safetensors (*.safetensors)</translation>
    </message>
    <message>
        <source>PyTorch state_dict (*.pt)</source>
        <translation>state_dict de PyTorch (*.pt)</translation>
    </message>
    <message>
        <source>Export weights</source>
        <translation>Exportar pesos</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>Guardado %1</translation>
    </message>
</context>
</TS>
