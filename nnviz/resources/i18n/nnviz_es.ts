<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES">
<context>
    <name>ConfusionMatrixView</name>
    <message>
        <source>Confusion matrix ({0}): {1}% right</source>
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
        <source>PyTorch: the compiled engine needs numba, which is not available.</source>
        <translation>PyTorch: el motor compilado necesita numba, que no está disponible.</translation>
    </message>
    <message>
        <source>PyTorch: dropout needs the PyTorch engine.</source>
        <translation>PyTorch: el dropout necesita el motor de PyTorch.</translation>
    </message>
    <message>
        <source>PyTorch: the compiled engine runs only on the CPU, and a GPU was chosen.</source>
        <translation>PyTorch: el motor compilado solo funciona en la CPU y se eligió una GPU.</translation>
    </message>
    <message>
        <source>PyTorch: the network is too big for the compiled engine (over 5,000 parameters).</source>
        <translation>PyTorch: la red es demasiado grande para el motor compilado (más de 5.000 parámetros).</translation>
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
</context>
<context>
    <name>DataView</name>
    <message>
        <source>misclassified</source>
        <extracomment>one line as the API takes it: (w1, w2, b, label)</extracomment>
        <translation>mal clasificados</translation>
    </message>
    <message>
        <source>These samples have {0} inputs: only 2-D data is drawn here.</source>
        <translation>Estas muestras tienen {0} entradas: aquí solo se dibujan datos en 2-D.</translation>
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
        <source>E on the update's sample</source>
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
        <extracomment>formula size in pixels at scale 1 caption size in points at scale 1 mathtext font set: Computer Modern, the look of the slides' LaTeX roles a piece can take; each has its own colour the tallest content so far: the panel never shrinks while stepping, so the panels below do not jump on the projector</extracomment>
        <translation>La fórmula del paso actual: como en la diapositiva, con sus números y el resultado.</translation>
    </message>
</context>
<context>
    <name>GraphPainting</name>
    <message>
        <source>Neural network</source>
        <extracomment>up to this many drawn edges the lines are antialiased (it doubles the cost) (font key, pixel size, italic) -&gt; the derived font and its metrics: a frame labels every neuron, and building a QFont and its metrics per label cost more than drawing it</extracomment>
        <translation>Red neuronal</translation>
    </message>
</context>
<context>
    <name>HiddenMaps</name>
    <message>
        <source>hidden layer {0}</source>
        <extracomment>at most this many hidden-neuron maps per layer (wider layers show their first ones) cells per side of the hidden-neuron maps (drawn ~56 px wide) grids while training runs (the picture moves; sharpness returns when it stops) False: a row of maps per layer (under the data); True: a column (beside it)</extracomment>
        <translation>capa oculta {0}</translation>
    </message>
    <message>
        <source>layer {0}</source>
        <extracomment>a column's heading, where there is little room</extracomment>
        <translation>capa {0}</translation>
    </message>
</context>
<context>
    <name>ImageViews</name>
    <message>
        <source>validation</source>
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
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>nnviz — neural networks, step by step</source>
        <extracomment>remember geometry and language on close (off for ``nnviz shot``)</extracomment>
        <translation>nnviz — redes neuronales, paso a paso</translation>
    </message>
    <message>
        <source>&amp;Open network…</source>
        <translation>&amp;Abrir red…</translation>
    </message>
    <message>
        <source>Open a network file (*.nnviz.json)</source>
        <translation>Abrir un fichero de red (*.nnviz.json)</translation>
    </message>
    <message>
        <source>&amp;Save network as…</source>
        <translation>&amp;Guardar red como…</translation>
    </message>
    <message>
        <source>Save the current network and its weights as a *.nnviz.json file</source>
        <translation>Guardar la red actual y sus pesos como fichero *.nnviz.json</translation>
    </message>
    <message>
        <source>&amp;Export network view as image…</source>
        <translation>&amp;Exportar la vista de la red como imagen…</translation>
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
        <source>&amp;Redo</source>
        <translation>&amp;Rehacer</translation>
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
        <source>Show the lesson's slide text above the network</source>
        <translation>Mostrar el texto de la diapositiva de la lección encima de la red</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
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
        <source>Open network</source>
        <translation>Abrir red</translation>
    </message>
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
        <source>train / pause or resume / stop (training lessons)</source>
        <translation>entrenar / pausar o reanudar / detener (lecciones de entrenamiento)</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Atajos de teclado</translation>
    </message>
    <message>
        <source>Recover network</source>
        <translation>Recuperar la red</translation>
    </message>
    <message>
        <source>nnviz did not close normally last time. Restore the network you were working on?</source>
        <translation>nnviz no se cerró correctamente la última vez. ¿Restaurar la red con la que estaba trabajando?</translation>
    </message>
    <message>
        <source>recovered network</source>
        <translation>red recuperada</translation>
    </message>
</context>
<context>
    <name>NetworkModel</name>
    <message>
        <source>Edit weight ω</source>
        <extracomment>the layer sizes or activations changed: rebuild geometry weights and/or biases changed (same architecture): recolour neuron outputs for the current sample changed (list per layer, or empty) the selected neuron changed: (layer, index) or (-1, -1) dropout masks changed (list per layer of bool arrays, True = dropped)</extracomment>
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
        <extracomment>at most one recolour per this many milliseconds while updates flood in an edge was clicked and its editor opened: (weight layer, j, k)</extracomment>
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
        <source>row {0}, column {1}</source>
        <translation>fila {0}, columna {1}</translation>
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
    <name>PerceptronPanel</name>
    <message>
        <source>Epoch {0}, sample {1}: is it on the right side of the line?</source>
        <extracomment>after every move True while this panel itself changes the model's weights</extracomment>
        <translation>Época {0}, muestra {1}: ¿está en el lado correcto de la recta?</translation>
    </message>
    <message>
        <source>Decision line:</source>
        <translation>Recta de decisión:</translation>
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
        <source>Converged after {0} epochs: a whole epoch without mistakes. The line separates the two classes, so the rule changes nothing more.</source>
        <translation>Ha convergido tras {0} épocas: una época entera sin errores. La recta separa las dos clases, así que la regla ya no cambia nada más.</translation>
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
    <name>ReceptiveFieldGallery</name>
    <message>
        <source>First-layer weights as images (receptive fields)</source>
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
        <extracomment>the grid of the picture on show (0: none yet)</extracomment>
        <translation>rectas de la primera capa</translation>
    </message>
    <message>
        <source>Draw each first-layer neuron's line ω₁ₖ·x₁ + ω₂ₖ·x₂ + bₖ = 0: a hidden layer combines lines</source>
        <translation>Dibuja la recta ω₁ₖ·x₁ + ω₂ₖ·x₂ + bₖ = 0 de cada neurona de la primera capa: una capa oculta combina rectas</translation>
    </message>
    <message>
        <source>hidden-neuron maps</source>
        <translation>mapas de las neuronas ocultas</translation>
    </message>
    <message>
        <source>Show every hidden neuron's output over the plane, as TensorFlow Playground</source>
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
    <name>SettingsForm</name>
    <message>
        <source>Hidden layers</source>
        <extracomment>a setting the trainer applies at the next batch: (name, value) the data or the layers changed: a new data set and network are needed</extracomment>
        <translation>Capas ocultas</translation>
    </message>
    <message>
        <source>Dropout</source>
        <translation>Dropout</translation>
    </message>
    <message>
        <source>Dropout: give one probability for all hidden layers or one per hidden layer ({0}).</source>
        <translation>Dropout: indique una probabilidad para todas las capas ocultas o una por capa oculta ({0}).</translation>
    </message>
    <message>
        <source>Not available on this machine</source>
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
        <source>Which points to learn: the lesson's own, or a generated set</source>
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
        <source>Neurons per hidden layer, e.g. '8, 8' for two layers of 8</source>
        <translation>Neuronas por capa oculta, p. ej. '8, 8' para dos capas de 8</translation>
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
        <source>MSE is the slides' E(ω) = ½‖d − y‖²; cross-entropy suits sigmoid/softmax</source>
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
        <source>Samples per weight update: 1 = one sample at a time, 'full' = the whole training set</source>
        <translation>Muestras por actualización de los pesos: 1 = una muestra cada vez, 'todo' = todo el conjunto de entrenamiento</translation>
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
        <source>Stop when the validation error has not improved for 'patience' epochs</source>
        <translation>Parar cuando el error de validación no ha mejorado durante 'paciencia' épocas</translation>
    </message>
    <message>
        <source>lesson's points</source>
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
        <source>data given to the panel</source>
        <translation>datos dados al panel</translation>
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
    <name>StepOutline</name>
    <message>
        <source>FEED FORWARD</source>
        <extracomment>the user clicked one of the seven steps (1..7)</extracomment>
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
    <name>StepperPanel</name>
    <message>
        <source>{0} steps/s</source>
        <extracomment>play speeds in steps per second (slider positions) after every move (step, back, jump, reset, new lesson) the model's weights were changed by someone else (an edit, training)</extracomment>
        <translation>{0} pasos/s</translation>
    </message>
    <message>
        <source>Open a perceptron or MLP lesson to step through its formulas.</source>
        <translation>Abra una lección de perceptrón o de MLP para recorrer sus fórmulas paso a paso.</translation>
    </message>
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
        <source>Back to the lesson's weights, no updates done (R)</source>
        <translation>Volver a los pesos de la lección, sin ninguna actualización (R)</translation>
    </message>
    <message>
        <source>Run up to {0} epochs</source>
        <translation>Ejecutar hasta {0} épocas</translation>
    </message>
    <message>
        <source>Apply the rule sample after sample until an epoch without mistakes (T)</source>
        <translation>Aplicar la regla muestra a muestra hasta una época sin errores (T)</translation>
    </message>
    <message>
        <source>Train {0} epochs</source>
        <translation>Entrenar {0} épocas</translation>
    </message>
    <message>
        <source>Run that many passes over all samples at once (T)</source>
        <translation>Hacer de una vez ese número de pasadas por todas las muestras (T)</translation>
    </message>
    <message>
        <source>One step:</source>
        <translation>Un paso:</translation>
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
    <name>TorchPanel</name>
    <message>
        <source>Finish an update to compare it with PyTorch.</source>
        <translation>Termine una actualización para compararla con PyTorch.</translation>
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
        <source>Largest difference between the manual update and PyTorch's: {0} ({1})</source>
        <translation>Mayor diferencia entre la actualización a mano y la de PyTorch: {0} ({1})</translation>
    </message>
    <message>
        <source>PyTorch does all this with one command!</source>
        <translation>¡PyTorch hace todo esto con sólo una orden!</translation>
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
        <source>Training is already running.</source>
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
        <source>Trained {0} epochs.</source>
        <extracomment>the live views may take at most this share of the GUI thread's time: a slow frame (a big network, a big confusion matrix) spaces the next ones out. The torch engine's loop needs the GIL between operations, and the views hold it while they paint, so it gets a smaller share than the compiled engine (which releases the GIL for a whole slice of an epoch). frames a second the views get at least, by engine, while a frame costs less than the period (the compiled engine does not need the GIL while it trains) snapshots a second the worker sends, by engine (the compiled engine: a little above the ~12 frames a second the views get, so that each frame has a new one; each snapshot costs the worker the GIL and a copy) live confusion matrices use at most this many samples (all on the last frame) curves and counters need fewer frames than the network and the regions (by engine: the torch loop shares the GIL with the views) the interpreter's thread switch interval while the compiled engine runs. It releases the GIL for ~10 ms of epochs, then needs it for a moment; with Python's default 5 ms a GUI thread busy in Python (a repaint) made it wait up to 5 ms each time, and the trainer lost half its speed. (The torch loop needs the GIL between operations: a frame painted in Python held up each of its operations up to the interval, so it gets a short one too.) a run started (the stepper pauses) a run ended: "completed", "early_stopping", "stopped" or "diverged"</extracomment>
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
    <message>
        <source>compiled (numba)</source>
        <translation>compilado (numba)</translation>
    </message>
    <message>
        <source>Train</source>
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
        <source>epoch {0} · {1} updates</source>
        <translation>época {0} · {1} actualizaciones</translation>
    </message>
    <message>
        <source>accuracy {0}%</source>
        <translation>exactitud {0}%</translation>
    </message>
    <message>
        <source>{0:.0f} epochs/s</source>
        <translation>{0:.0f} épocas/s</translation>
    </message>
    <message>
        <source>Engine: {0}. {1}</source>
        <translation>Motor: {0}. {1}</translation>
    </message>
    <message>
        <source>the point shown in the network</source>
        <translation>el punto que se muestra en la red</translation>
    </message>
    <message>
        <source>Press Reset, set η to a tenth and train again.</source>
        <translation>Pulse Reiniciar, reduzca η a la décima parte y vuelva a entrenar.</translation>
    </message>
</context>
<context>
    <name>TrainingPlots</name>
    <message>
        <source>best epoch {0}</source>
        <extracomment>buffer columns points a curve draws at most (the plots are a few hundred pixels wide) a file was written by an export (its path)</extracomment>
        <translation>mejor época {0}</translation>
    </message>
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
    <message>
        <source>x axis:</source>
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
        <source>Plot against epochs (passes over the training set) or weight updates</source>
        <translation>Dibujar frente a épocas (pasadas por el conjunto de entrenamiento) o frente a actualizaciones de los pesos</translation>
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
        <extracomment>snapshots a second at most the settings that can change while training runs where the run computes, once its trainer is built (engine name, why) once the trainer is built a :class:`Snapshot` (copies), at most ~30 a second, the last with ``final`` the message of a divergence, before ``finished`` :class:`TrainingResult` or :class:`RunFailed`; always the last signal</extracomment>
        <translation>El entrenamiento falló: {0}</translation>
    </message>
</context>
<context>
    <name>ValueEditor</name>
    <message>
        <source>Enter applies, Esc cancels</source>
        <translation>Intro aplica, Esc cancela</translation>
    </message>
</context>
</TS>